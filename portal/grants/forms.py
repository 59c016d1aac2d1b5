from django import forms
from django.utils.translation import gettext_lazy as _


class ApplicationForm(forms.Form):
    amount_requested = forms.DecimalField(
        label=_("How much are you asking for? (£)"),
        min_value=0.01,
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("Enter an amount in pounds, like 250 or 99.50.")},
    )
    purpose = forms.CharField(
        label=_("What is the money for?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    spending_plan = forms.CharField(
        label=_("How will you spend it? List the main costs."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Approve")),
            ("ask", _("Ask for more information")),
            ("reject", _("Do not approve")),
        ],
        error_messages={"required": _("Choose a decision.")},
    )
    amount = forms.DecimalField(
        label=_("Amount to approve (£)"),
        min_value=0.01,
        decimal_places=2,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason, or the question to ask"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Administrators only: why this may go over the budget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("What did the grant pay for, and what difference did it make?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what the grant paid for.")},
    )
    spent = forms.DecimalField(
        label=_("How much of the grant did you spend? (£)"),
        min_value=0,
        decimal_places=2,
        error_messages={
            "required": _("Enter the amount spent."),
            "invalid": _("Enter an amount in pounds, like 250 or 99.50."),
        },
    )
