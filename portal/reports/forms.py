"""The period and place pickers of the performance report and the evidence pack
(a GET form), and the evidence mapping's admin form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.params import date_in_window
from portal.core.widgets import DayMonthYearWidget
from portal.housing.models import Area, Estate

from . import periods
from .models import EvidenceClause
from .registry import body_choices, measure_choices
from .scopes import Scope

KINDS = [
    ("quarter", _("A quarter")),
    ("half", _("A half-year")),
    ("year", _("A financial year (April to March)")),
    ("ytd", _("This financial year so far")),
    ("custom", _("Dates you choose")),
]


class PerformanceForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=KINDS, initial="ytd")
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        coerce=int,
        required=False,
        choices=[
            (1, _("1: April to June")),
            (2, _("2: July to September")),
            (3, _("3: October to December")),
            (4, _("4: January to March")),
        ],
    )
    half = forms.TypedChoiceField(
        label=_("Half-year"),
        coerce=int,
        required=False,
        choices=[(1, _("1: April to September")), (2, _("2: October to March"))],
    )
    first = forms.DateField(
        label=_("From"), required=False, widget=DayMonthYearWidget()
    )
    last = forms.DateField(label=_("To"), required=False, widget=DayMonthYearWidget())
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label=_("The whole landlord"),
    )
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.select_related("area").order_by("name"),
        required=False,
        empty_label=_("Every estate"),
    )
    body = forms.TypedChoiceField(
        label=_("Body"),
        coerce=int,
        required=False,
        help_text=_(
            "Only the meeting measures can be counted for one body; the others "
            "show no figure."
        ),
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        this_year = periods.financial_year(today)
        self.fields["year"].choices = [
            (year, periods.year_label(year))
            for year in range(this_year, this_year - 6, -1)
        ]
        self.fields["year"].initial = this_year
        self.fields["body"].choices = [("", _("Every body")), *body_choices()]

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if kind in {"quarter", "half", "year"} and not data.get("year"):
            self.add_error("year", _("Choose a financial year."))
        if kind == "quarter" and not data.get("quarter"):
            self.add_error("quarter", _("Choose a quarter."))
        if kind == "half" and not data.get("half"):
            self.add_error("half", _("Choose a half-year."))
        if kind == "custom":
            first, last = data.get("first"), data.get("last")
            if not first:
                self.add_error("first", _("Enter the first day of the period."))
            if not last:
                self.add_error("last", _("Enter the last day of the period."))
            for name in ("first", "last"):
                if data.get(name) and not date_in_window(data[name]):
                    self.add_error(name, _("Enter a real date."))
            if first and last and last < first:
                self.add_error("last", _("The last day must be on or after the first."))
        area, estate = data.get("area"), data.get("estate")
        if area and estate and estate.area_id != area.pk:
            self.add_error(
                "estate",
                _(
                    "%(estate)s is not in %(area)s. Choose an estate in that area, or "
                    "the whole area."
                )
                % {"estate": estate, "area": area},
            )
        return data

    def get_period(self) -> periods.Period:
        data = self.cleaned_data
        kind = data["period"]
        if kind == "quarter":
            return periods.quarter(data["year"], data["quarter"])
        if kind == "half":
            return periods.half_year(data["year"], data["half"])
        if kind == "year":
            return periods.whole_year(data["year"])
        if kind == "custom":
            return periods.custom(data["first"], data["last"])
        return periods.year_to_date(self.today)

    def get_scope(self) -> Scope:
        estate, area = self.cleaned_data.get("estate"), self.cleaned_data.get("area")
        body_id = self.cleaned_data.get("body") or None
        if estate:
            scope = Scope(
                area_id=estate.area_id, estate_id=estate.pk, label=str(estate)
            )
        elif area:
            scope = Scope(area_id=area.pk, label=str(area))
        else:
            scope = Scope(label=str(_("The whole landlord")))
        if body_id is None:
            return scope
        body = dict(self.fields["body"].choices)[body_id]
        return Scope(
            area_id=scope.area_id,
            estate_id=scope.estate_id,
            body_id=body_id,
            label=_("%(place)s, %(body)s") % {"place": scope.label, "body": body},
        )


class ReportForm(forms.Form):
    """ "Create a report from these figures": who it is for and its title. The
    period and place come with it from the performance form."""

    audience = forms.ChoiceField(
        label=_("Who the report is for"), widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_(
            "Leave it empty to name the report after who it is for and the period."
        ),
    )

    def __init__(self, *args, audiences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = audiences


class EvidenceClauseForm(forms.ModelForm):
    """A clause of the regulator's standard and the measures that evidence it,
    chosen from the measures the performance report has."""

    measures = forms.MultipleChoiceField(
        label=_("Measures"),
        choices=measure_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The measures whose figures and records evidence this clause."),
        error_messages={
            "required": _("Choose at least one measure that evidences this clause."),
            "invalid_choice": _(
                "“%(value)s” is not a measure in the performance report. Choose "
                "from the list."
            ),
        },
    )

    class Meta:
        model = EvidenceClause
        fields = ["code", "title", "summary", "measures", "note", "order"]
