from django import forms
from django.utils.translation import gettext_lazy as _


class BankDetailsForm(forms.Form):
    account_name = forms.CharField(
        label=_("Name on the account"),
        max_length=70,
        error_messages={"required": _("Enter the name on the account.")},
    )
    sort_code = forms.RegexField(
        label=_("Sort code"),
        help_text=_("6 digits, for example 30-94-57"),
        regex=r"^\s*\d{2}[-\s]?\d{2}[-\s]?\d{2}\s*$",
        error_messages={
            "required": _("Enter the sort code."),
            "invalid": _("Enter a sort code like 30-94-57."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_number = forms.RegexField(
        label=_("Account number"),
        help_text=_("8 digits"),
        regex=r"^\s*\d{8}\s*$",
        error_messages={
            "required": _("Enter the account number."),
            "invalid": _("Enter an account number of 8 digits."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
