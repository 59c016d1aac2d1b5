from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback, Rsvp

SCALE = [(n, str(n)) for n in range(1, 11)]


class RsvpForm(forms.ModelForm):
    class Meta:
        model = Rsvp
        fields = ["response", "access_needs", "comments"]
        widgets = {"response": forms.RadioSelect}
        help_texts = {
            "access_needs": _(
                "For example step-free access, a hearing loop, an interpreter, help "
                "with childcare or transport. We have filled in what you told us "
                "before."
            ),
            "comments": _(
                "Can’t come? You can still send written comments for the meeting."
            ),
        }
        error_messages = {
            "response": {"required": _("Say whether you will come.")},
        }


def access_needs_text(user) -> str:
    """The person's recorded access needs, as words to start the reply with."""
    needs = getattr(user, "access_needs", None)
    if needs is None:
        return ""
    parts = [
        str(needs._meta.get_field(name).verbose_name)
        for name in [
            "step_free",
            "hearing_loop",
            "bsl_signer",
            "interpreter",
            "childcare",
            "transport",
            "large_print_papers",
        ]
        if getattr(needs, name)
    ]
    if needs.interpreter_language:
        parts.append(str(needs.interpreter_language))
    if needs.dietary:
        parts.append(needs.dietary)
    if needs.other:
        parts.append(needs.other)
    return "; ".join(parts)


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = [
            "expectations",
            "organisation",
            "listened",
            "confidence",
            "improve",
            "preferred_channel",
        ]
        widgets = {
            name: forms.RadioSelect(choices=SCALE, attrs={"class": "scale"})
            for name in ["expectations", "organisation", "listened", "confidence"]
        }
        help_texts = {
            name: _("1 is not at all, 10 is completely.")
            for name in ["expectations", "organisation", "listened", "confidence"]
        }
        error_messages = {
            name: {"required": _("Choose a number from 1 to 10.")}
            for name in ["expectations", "organisation", "listened", "confidence"]
        }
