from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.models import Topic
from portal.housing.models import Area, Estate

from .models import Action


class RegisterFilterForm(forms.Form):
    """The filters on "What we are doing" (a GET form, so it works without JS)."""

    PROGRESS = [
        ("", _("Any")),
        ("on_time", _("Done on time")),
        ("late", _("Late")),
        ("open", _("Still open")),
    ]

    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=_("Any"),
    )
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.all(),
        required=False,
        empty_label=_("Any"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        empty_label=_("Any"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *Action.Status.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Where it came from"),
        choices=[("", _("Any")), *Action.Source.choices],
        required=False,
    )
    progress = forms.ChoiceField(label=_("Progress"), choices=PROGRESS, required=False)
