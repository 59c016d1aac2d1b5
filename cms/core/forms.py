"""The "Ask for this in another format" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FormatRequest


class FormatRequestForm(forms.ModelForm):
    what = forms.CharField(
        label=_("What would you like in another format?"),
        help_text=_("For example: the spring magazine, or the rent letter."),
        max_length=255,
        error_messages={"required": _("Tell us what you would like.")},
    )

    class Meta:
        model = FormatRequest
        fields = ["format", "language", "name", "delivery", "email", "address"]
        fields += ["phone", "notes"]
        widgets = {
            "format": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "address": forms.Textarea(
                attrs={"rows": 4, "autocomplete": "street-address"}
            ),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "format": _("Which format do you need?"),
            "language": _("Which language?"),
            "name": _("Your name"),
            "delivery": _("How should we send it?"),
            "email": _("Email address"),
            "address": _("Postal address"),
            "phone": _("Phone number (optional)"),
            "notes": _("Anything else we should know (optional)"),
        }
        help_texts = {
            "language": _("Only if you asked for a translation."),
            "phone": _("So we can call you if we have a question."),
        }
        error_messages = {
            "format": {"required": _("Choose the format you need.")},
            "name": {"required": _("Enter your name.")},
            "delivery": {"required": _("Choose how we should send it.")},
            "email": {"invalid": _("Enter an email address like name@example.org.")},
        }

    def __init__(self, *args, page_known=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices without Django's empty "---------" for the radio buttons.
        self.fields["format"].choices = FormatRequest.Format.choices
        self.fields["delivery"].choices = FormatRequest.Delivery.choices
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        if page_known:
            del self.fields["what"]

    def clean(self):
        data = super().clean()
        chosen = data.get("format")
        delivery = data.get("delivery")
        if chosen == FormatRequest.Format.TRANSLATION and not data.get("language"):
            self.add_error("language", _("Tell us which language you need."))
        if (
            chosen in FormatRequest.POST_ONLY
            and delivery == FormatRequest.Delivery.EMAIL
        ):
            self.add_error(
                "delivery",
                _("%(format)s can only be sent by post. Choose “By post”.")
                % {"format": FormatRequest.Format(chosen).label},
            )
        wants_email = delivery == FormatRequest.Delivery.EMAIL
        if wants_email and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter the email address to send it to."))
        if delivery == FormatRequest.Delivery.POST and not data.get("address"):
            self.add_error("address", _("Enter the address to post it to."))
        return data
