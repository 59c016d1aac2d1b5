from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.core.files import check_upload
from portal.core.params import validate_date_in_window
from portal.core.widgets import DayMonthYearWidget
from portal.housing.models import Property

from .models import Activity, Document, Officer

DATE_WIDGET = DayMonthYearWidget()


class UploadCheckMixin:
    """Check an optional or required upload by its content, keeping its type."""

    upload_field = "file"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get(self.upload_field)
        if upload:
            try:
                self.upload_type = check_upload(upload)
            except forms.ValidationError as error:
                self.add_error(self.upload_field, error)
        return cleaned


class InviteOfficerForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        error_messages={"required": _("Enter their email address.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Officer.Role.choices)
    elected_on = forms.DateField(
        label=_("Date elected"),
        widget=DATE_WIDGET,
        validators=[validate_date_in_window],
        error_messages={"required": _("Enter the date they were elected.")},
    )


class OfficerForm(forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["role", "elected_on", "term_ends", "may_be_named"]
        widgets = {"elected_on": DATE_WIDGET, "term_ends": DATE_WIDGET}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("elected_on"), cleaned.get("term_ends")
        if start and end and end <= start:
            self.add_error("term_ends", _("The term must end after the election date."))
        return cleaned


class DocumentForm(UploadCheckMixin, forms.ModelForm):
    file = forms.FileField(
        label=_("The document"),
        help_text=_(
            "A PDF or a photo. Up to 10 MB. Only your officers and our staff see it."
        ),
        error_messages={"required": _("Choose the file to upload.")},
    )

    class Meta:
        model = Document
        fields = [
            "kind",
            "dated",
            "valid_until",
            "version",
            "has_equal_opportunities",
            "has_code_of_conduct",
            "has_open_membership",
            "independent_checker",
        ]
        widgets = {"dated": DATE_WIDGET, "valid_until": DATE_WIDGET}
        error_messages = {"dated": {"required": _("Enter the date of the document.")}}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Document.Kind.INSURANCE and not cleaned.get("valid_until"):
            self.add_error("valid_until", _("Enter the date the insurance cover ends."))
        if kind == Document.Kind.ACCOUNTS and not cleaned.get("independent_checker"):
            self.add_error(
                "independent_checker",
                _("Enter the name of the independent person who checked the accounts."),
            )
        return cleaned


class ActivityForm(UploadCheckMixin, forms.ModelForm):
    upload_field = "minutes_file"
    minutes_file = forms.FileField(
        label=_("Minutes (optional)"),
        help_text=_("A PDF or a photo. Up to 10 MB."),
        required=False,
    )

    class Meta:
        model = Activity
        fields = ["kind", "date", "venue", "attendance", "issue", "copies"]
        widgets = {"date": DATE_WIDGET}
        error_messages = {"date": {"required": _("Enter the date.")}}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Activity.Kind.NEWSLETTER and not cleaned.get("issue"):
            self.add_error(
                "issue", _("Enter the newsletter’s issue, for example “Spring 2026”.")
            )
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RecognitionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Recognise the group")),
            ("reject", _("Do not recognise it yet")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to recognise the group.")},
    )
    reason = forms.CharField(
        label=_("Reason (the officers will see this)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason the officers will see.")},
    )


class FirstOfficerForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of their account"),
        error_messages={"required": _("Enter the email address of their account.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Officer.Role.choices)
    elected_on = forms.DateField(
        label=_("Date elected"),
        widget=DATE_WIDGET,
        validators=[validate_date_in_window],
    )

    def clean_email(self):
        from portal.accounts.models import User

        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _(
                    "Nobody has an account with this email address. Set them up "
                    "first with “Set up a resident”."
                )
            )
        self.user = user
        return email


class GroupAdminForm(WagtailAdminModelForm):
    """Staff choose a group's area by estate, block or street, or home by home: homes
    are entered as UPRNs (one per line), since a list of 2,000 addresses is no use."""

    home_uprns = forms.CharField(
        label=_("Individual homes (UPRNs)"),
        help_text=_(
            "One UPRN per line, for homes outside the estates and blocks above."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["home_uprns"] = "\n".join(
                self.instance.properties.order_by("uprn").values_list("uprn", flat=True)
            )

    def clean_home_uprns(self):
        uprns = list(dict.fromkeys(self.cleaned_data["home_uprns"].split()))
        homes = list(Property.objects.filter(uprn__in=uprns))
        unknown = sorted(set(uprns) - {home.uprn for home in homes})
        if unknown:
            raise forms.ValidationError(
                _("These UPRNs are not in the property register: %(uprns)s")
                % {"uprns": ", ".join(unknown)}
            )
        return homes

    def save(self, commit=True):
        group = super().save(commit=commit)
        if commit:
            group.properties.set(self.cleaned_data["home_uprns"])
        return group


class GroupContactForm(forms.Form):
    """Write to a group's officers from its public page."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("The officers will reply to this address."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
