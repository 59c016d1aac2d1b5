from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.meetings.models import Body
from portal.core.fields import BoundedModelChoiceField
from portal.groups.models import Group
from portal.housing.models import Area, Estate

from .models import Broadcast
from .services import TARGET_FIELD

CHANNELS = [
    ("email", _("Email")),
    ("sms", _("Text message")),
    ("post", _("Post (a letter staff send)")),
    ("phone", _("Phone call (staff call)")),
]


class EstateChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.area.name})"


class BroadcastForm(forms.Form):
    """A message to many people: what it says, who gets it, and how."""

    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Plain text. Write it as you would say it."),
    )
    audience = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=Broadcast.Audience.choices,
        widget=forms.RadioSelect,
    )
    area = BoundedModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), required=False
    )
    estate = EstateChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.select_related("area"),
        required=False,
    )
    group = BoundedModelChoiceField(
        label=_("Resident group"), queryset=Group.objects.all(), required=False
    )
    body_followed = BoundedModelChoiceField(
        label=_("Panel or committee"), queryset=Body.objects.none(), required=False
    )
    channels = forms.MultipleChoiceField(
        label=_("Send it by"),
        choices=CHANNELS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each person gets it only in the ways they asked for among these."),
    )
    essential = forms.BooleanField(
        label=_("Essential (safety, or a change on the day)"),
        required=False,
        help_text=_(
            "Goes out even to people who unsubscribed from notices, past the "
            "text message cap and at night. Recorded in the audit log."
        ),
    )

    def __init__(self, *args, may_send_essential: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body_followed"].queryset = Body.objects.filter(
            locale=Locale.get_default()
        )
        if not may_send_essential:
            del self.fields["essential"]

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience in TARGET_FIELD:
            field = TARGET_FIELD[audience]
            if not cleaned.get(field) and field not in self.errors:
                self.add_error(
                    field, _("Choose which one, for the audience you picked.")
                )
        return cleaned

    @property
    def target(self):
        return self.cleaned_data.get(TARGET_FIELD[self.cleaned_data["audience"]])
