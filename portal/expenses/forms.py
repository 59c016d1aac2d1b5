from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.fields import BoundedModelChoiceField, PoundsField
from portal.core.files import check_upload
from portal.core.money import format_money
from portal.core.widgets import DayMonthYearWidget

from .models import LINE_LIMITS, ExpenseCategory, ExpenseClaim, PreApproval


class ClaimStartForm(forms.Form):
    meeting = BoundedModelChoiceField(
        label=_("Which meeting? (the ones you came to or said you would)"),
        queryset=None,
        required=False,
        empty_label=_("Not a meeting in the calendar"),
    )
    activity = forms.ChoiceField(
        label=_("What kind of activity?"),
        choices=ExpenseClaim.Activity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of activity.")},
    )
    description = forms.CharField(
        label=_("Describe it in a few words"),
        max_length=200,
        error_messages={"required": _("Describe the activity.")},
    )
    activity_date = forms.DateField(
        label=_("Date of the activity"),
        widget=DayMonthYearWidget(),
        error_messages={
            "required": _("Enter the date of the activity."),
            "invalid": _("Enter a real date, like 21 11 2026."),
        },
    )
    group = forms.ModelChoiceField(
        label=_("Claiming for your group?"),
        queryset=None,
        required=False,
        empty_label=_("No, for myself"),
    )

    def __init__(self, *args, meetings, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["group"].queryset = groups


# The questions each kind of cost asks; every other kind is money spent.
FIELDS_FOR_KIND = {
    "mileage": ("miles", "passengers"),
    "cycling": ("miles",),
    "care": ("hours", "spent", "receipt"),
    "taxi": ("spent", "reason", "pre_approval", "receipt"),
}
SPENDING_FIELDS = ("spent", "pre_approval", "receipt")


def fields_for_kind(kind: str) -> tuple[str, ...]:
    return FIELDS_FOR_KIND.get(kind, SPENDING_FIELDS)


class LineForm(forms.Form):
    """One cost. The kind is chosen first and only its questions are shown: a
    second step without JavaScript ("Continue"), revealed as the radio is
    chosen with it (static/js/reveal.js). Answers to another kind's questions,
    left behind in hidden boxes, are ignored."""

    template_name = "expenses/line_form.html"

    kind = forms.ChoiceField(
        label=_("What did it cost you?"),
        choices=ExpenseCategory.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the cost was for."),
            "invalid_choice": _("Choose what the cost was for."),
        },
    )
    miles = forms.IntegerField(
        label=_("Miles (there and back)"),
        min_value=0,
        max_value=LINE_LIMITS["miles"],
        error_messages={
            "max_value": _("One cost can be at most %(limit_value)s miles.")
        },
        required=False,
    )
    passengers = forms.IntegerField(
        label=_("Passengers who also came"),
        min_value=0,
        max_value=LINE_LIMITS["passengers"],
        error_messages={"max_value": _("Enter %(limit_value)s passengers or fewer.")},
        required=False,
    )
    hours = forms.DecimalField(
        label=_("Hours of care"),
        min_value=0,
        max_value=LINE_LIMITS["hours"],
        error_messages={
            "max_value": _("One cost can be at most %(limit_value)s hours of care.")
        },
        decimal_places=2,
        required=False,
    )
    # The most one cost can be is checked in clean_spent, to say it in pounds.
    spent = PoundsField(label=_("Amount spent"), min_value=0, required=False)
    reason = forms.CharField(
        label=_("Reason (for a taxi, say why, or who agreed it)"), required=False
    )
    pre_approval = forms.ModelChoiceField(
        label=_("Pre-approval we gave you (needed for equipment)"),
        queryset=PreApproval.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_(
            "For equipment, or a taxi without a reason, choose what we agreed "
            "beforehand."
        ),
    )
    receipt = forms.FileField(
        label=_("Receipt, ticket or statement (photo or PDF)"), required=False
    )

    def __init__(self, *args, pre_approvals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pre_approvals is not None:
            self.fields["pre_approval"].queryset = pre_approvals

    @property
    def chosen_kind(self) -> str | None:
        """The kind whose questions to show: the one sent, or none yet."""
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind")
        return kind if kind in ExpenseCategory.Kind.values else None

    def revealed_fields(self):
        """Each question with the kinds it belongs to and whether it shows now.
        A question with an error always shows, whatever its kind."""
        chosen = self.chosen_kind
        for name in self.fields:
            if name == "kind":
                continue
            bound = self[name]
            kinds = {
                kind
                for kind in ExpenseCategory.Kind.values
                if name in fields_for_kind(kind)
            }
            if bound.errors and chosen:
                kinds.add(chosen)
            yield bound, " ".join(sorted(kinds)), chosen in kinds

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind:
            for name in set(self.fields) - {"kind", *fields_for_kind(kind)}:
                cleaned[name] = "" if name == "reason" else None
        return cleaned

    def clean_spent(self):
        spent = self.cleaned_data.get("spent")
        if spent is not None and spent > LINE_LIMITS["spent"]:
            raise forms.ValidationError(
                _("One cost can be at most %(amount)s. Ask us about anything larger.")
                % {"amount": format_money(LINE_LIMITS["spent"], "whole")}
            )
        return spent

    def clean_receipt(self):
        upload = self.cleaned_data.get("receipt")
        if upload:
            self.receipt_type = check_upload(upload)
        return upload


class SubmitForm(forms.Form):
    declared = forms.BooleanField(
        label=_(
            "I declare these costs are true, were paid by me for this activity, and "
            "I have not claimed them anywhere else."
        ),
        error_messages={"required": _("Tick the declaration to send your claim.")},
    )
    late_reason = forms.CharField(
        label=_("If the claim is late, say why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your answer.")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This helps us, but you do not have to say."),
    )


class PreApprovalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of cost"),
        choices=[("", _("Choose one"))]
        + [
            choice
            for choice in ExpenseCategory.Kind.choices
            if choice[0] not in ("mileage", "cycling")
        ],
        error_messages={"required": _("Choose the type of cost.")},
    )
    description = forms.CharField(
        label=_("What do you want to buy or pay for?"),
        max_length=200,
        error_messages={"required": _("Say what you want to buy or pay for.")},
    )
    reason = forms.CharField(
        label=_("Why do you need it?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you need it.")},
    )
    estimated_cost = PoundsField(
        label=_("Roughly how much will it cost?"),
        min_value=Decimal("0.01"),
        max_value=Decimal("999999.99"),
        error_messages={
            "required": _("Enter roughly how much it will cost, in pounds."),
        },
    )
