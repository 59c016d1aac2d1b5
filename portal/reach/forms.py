from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.dates import london_today
from portal.core.fields import AdminDateField
from portal.housing.forms import PropertyImportForm


class ProfileImportForm(PropertyImportForm):
    """The same upload checks as the property register (size, not a spreadsheet)."""

    csv_file = forms.FileField(
        label=_("Resident profile (CSV file)"),
        help_text=_(
            "Columns: area, estate, dimension, category, count. One row per estate, "
            "dimension and category, e.g. “Riverside North, Wharf Estate, age_band, "
            "16_24, 120”. Dimensions: age_band, ethnicity, disability, sex, tenure, "
            "language; categories are the codes of the equality questions, with "
            "“prefer_not” and “unknown”. If any row has a problem, nothing is "
            "imported; a good file replaces the profile in use."
        ),
    )


class ActionPlanForm(forms.Form):
    title = forms.CharField(label=_("What we will do"), max_length=200)
    description = forms.CharField(
        label=_("More detail"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    due_on = AdminDateField(label=_("Due by"))

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < london_today():
            raise forms.ValidationError(_("The due date must be today or later."))
        return due


class InviteForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=3000
    )
