from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.decisions import DecisionForm
from portal.core.params import validate_date_in_window
from portal.core.widgets import DayMonthYearWidget

from .models import MAX_HOURS, MIN_HOURS


class LogHoursForm(forms.Form):
    done_on = forms.DateField(
        label=_("Date"),
        help_text=_("For example, 27 3 2026"),
        widget=DayMonthYearWidget(),
        validators=[validate_date_in_window],
        error_messages={
            "required": _("Enter the date you volunteered."),
            "invalid": _("Enter a real date, for example 27 3 2026."),
        },
    )
    activity = forms.CharField(
        label=_("Activity"),
        max_length=120,
        help_text=_("For example, litter pick on Anchor Estate"),
        error_messages={"required": _("Say what the activity was.")},
    )
    hours = forms.DecimalField(
        label=_("Hours"),
        help_text=_("Between 0.25 and 24, in quarter hours: 1.5 is an hour and a half"),
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        decimal_places=2,
        error_messages={
            "required": _("Enter the number of hours."),
            "invalid": _("Enter hours as a number, for example 1.5."),
            "min_value": _("Hours must be between 0.25 and 24."),
            "max_value": _("Hours must be between 0.25 and 24."),
            "max_decimal_places": _("Give hours in quarter hours, for example 1.25."),
        },
    )
    description = forms.CharField(
        label=_("What you did (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours % Decimal("0.25"):
            raise forms.ValidationError(
                _("Give hours in quarter hours, for example 1.5 or 2.25.")
            )
        return hours


class HoursDecisionForm(DecisionForm):
    decision_choices = [
        ("confirm", _("Confirm these hours")),
        ("refuse", _("Do not confirm them")),
    ]
    reason_required_for = frozenset({"refuse"})
    reason_required_message = _("Say why these hours are not confirmed.")


class IssueVoucherForm(forms.Form):
    reference = forms.CharField(
        label=_("Voucher reference"),
        max_length=60,
        help_text=_("The code or serial number on the voucher you are sending."),
        error_messages={"required": _("Enter the voucher's reference.")},
    )


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label=_("Email address or name"),
        max_length=120,
        error_messages={"required": _("Enter an email address or a name.")},
    )
