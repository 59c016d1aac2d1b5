from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.exports import ascii_digits


class AsciiDigitsField(forms.RegexField):
    """Digits typed in any script (Arabic-Indic, Bengali, full-width…) are read as
    the same ASCII digits, which are all the bank file may hold."""

    def to_python(self, value):
        return ascii_digits(super().to_python(value))


class BankDetailsForm(forms.Form):
    account_name = forms.CharField(
        label=_("Name on the account"),
        max_length=70,
        error_messages={"required": _("Enter the name on the account.")},
    )
    sort_code = AsciiDigitsField(
        label=_("Sort code"),
        help_text=_("6 digits, for example 30-94-57"),
        regex=r"^\s*[0-9]{2}[-\s]?[0-9]{2}[-\s]?[0-9]{2}\s*$",
        error_messages={
            "required": _("Enter the sort code."),
            "invalid": _("Enter a sort code like 30-94-57."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_number = AsciiDigitsField(
        label=_("Account number"),
        help_text=_("8 digits"),
        regex=r"^\s*[0-9]{8}\s*$",
        error_messages={
            "required": _("Enter the account number."),
            "invalid": _("Enter an account number of 8 digits."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
