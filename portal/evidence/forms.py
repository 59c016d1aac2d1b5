from django import forms
from django.utils.translation import gettext_lazy as _
from localflavor.gb.forms import GBPostcodeField

from portal.core.params import validate_date_in_window
from portal.groups.forms import DATE_WIDGET, UploadCheckMixin


class PaperSheetForm(UploadCheckMixin, forms.Form):
    upload_field = "scan"
    scan = forms.FileField(
        label=_("Scan or photo of the signed sheet"),
        help_text=_(
            "A PDF or a photo. Up to 10 MB. Only your officers and our staff see it."
        ),
        error_messages={"required": _("Choose the scan of the sheet.")},
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=150,
        required=False,
        help_text=_("For example: door knocking, Anchor House, March."),
    )


class PaperRowForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={"required": _("Enter the name as written on the sheet.")},
    )
    address = forms.CharField(
        label=_("First line of the address"),
        max_length=200,
        help_text=_("For example: Flat 12, Anchor House"),
        error_messages={"required": _("Enter the first line of the address.")},
    )
    postcode = GBPostcodeField(
        label=_("Postcode"),
        error_messages={
            "required": _("Enter the postcode."),
            "invalid": _("Enter a full UK postcode, like RV1 3AB."),
        },
    )
    signed_on = forms.DateField(
        label=_("Date signed"),
        validators=[validate_date_in_window],
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Enter the date it was signed."),
            "invalid": _("Enter a real date."),
        },
    )
    has_signature = forms.BooleanField(
        label=_("The row is signed"), required=False, initial=True
    )


class CheckRowForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Does the row match the sheet?"),
        choices=[("accept", _("Yes: accept it")), ("reject", _("No: reject it"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose accept or reject.")},
    )
    reason = forms.CharField(
        label=_("Reason (needed to reject)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
