from django import forms
from django.utils.translation import gettext_lazy as _
from localflavor.gb.forms import GBPostcodeField

from portal.housing.models import Property


class PostcodeForm(forms.Form):
    postcode = GBPostcodeField(
        label=_("Your postcode"),
        help_text=_("For example, RV1 3AB"),
        error_messages={
            "required": _("Enter your postcode."),
            "invalid": _("Enter a full UK postcode, like RV1 3AB."),
        },
    )


class HomeChoiceForm(forms.Form):
    """Pick your address from the homes at a postcode, and give your reference."""

    home = forms.ModelChoiceField(
        label=_("Your address"),
        queryset=Property.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose your address from the list.")},
    )
    tenancy_reference = forms.CharField(
        label=_("Your tenancy or account reference"),
        help_text=_(
            "It is on your tenancy agreement, rent statement or service charge bill."
        ),
        max_length=40,
        error_messages={"required": _("Enter your tenancy or account reference.")},
    )

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = homes
        self.fields["home"].label_from_instance = lambda home: ", ".join(
            part for part in (home.address_line_1, home.address_line_2) if part
        )


class DecisionForm(forms.Form):
    """Staff decision on a resident's claim to live at an address."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("verify", _("Verified: the reference matches our records")),
            ("reject", _("Not verified")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to verify this resident.")},
    )
    reason = forms.CharField(
        label=_("Reason (the resident will see this if not verified)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == "reject"
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason", _("Say why, so the resident knows what to do next.")
            )
        return cleaned
