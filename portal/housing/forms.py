from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class PropertyImportForm(forms.Form):
    csv_file = forms.FileField(
        label=_("Property register (CSV file)"),
        help_text=_(
            "Columns: uprn, address_line_1, address_line_2, town, postcode, tenure, "
            "area, estate, block_or_street, block_or_street_kind. Existing properties "
            "are updated by UPRN. If any row has a problem, nothing is imported."
        ),
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        head = upload.read(2048)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(
                _(
                    "This is not a CSV file. Save the spreadsheet as “CSV” "
                    "and try again."
                )
            )
        return upload
