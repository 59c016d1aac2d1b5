from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.fields import BoundedModelMultipleChoiceField

from .models import SignUp, Skill, SkillsAudit


class SkillsAuditForm(forms.Form):
    skills = BoundedModelMultipleChoiceField(
        label=_("Which of these can you do, or are you interested in?"),
        help_text=_("Tick all that apply."),
        queryset=Skill.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confidence = forms.ChoiceField(
        label=_(
            "How confident do you feel taking part, for example speaking at a meeting?"
        ),
        choices=SkillsAudit.Confidence.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how confident you feel.")},
    )
    training_wanted = BoundedModelMultipleChoiceField(
        label=_("Which would you like training in?"),
        help_text=_("Tick all that apply."),
        queryset=Skill.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_training = forms.CharField(
        label=_("Any other training you would like (optional)"),
        max_length=200,
        required=False,
    )


ATTENDANCE_CHOICES = [
    (SignUp.Status.ATTENDED, _("Attended")),
    (SignUp.Status.ABSENT, _("Did not attend")),
]


class AttendanceForm(forms.Form):
    """One "attended / did not attend" choice per person on the session."""

    def __init__(self, *args, sign_ups, **kwargs):
        super().__init__(*args, **kwargs)
        self.sign_ups = sign_ups
        for sign_up in sign_ups:
            initial = (
                sign_up.status
                if sign_up.status in (SignUp.Status.ATTENDED, SignUp.Status.ABSENT)
                else None
            )
            self.fields[f"sign_up_{sign_up.pk}"] = forms.ChoiceField(
                label=str(sign_up.person),
                choices=ATTENDANCE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
            )

    def decisions(self):
        """(sign_up, attended) for each person given an answer."""
        for sign_up in self.sign_ups:
            value = self.cleaned_data.get(f"sign_up_{sign_up.pk}")
            if value:
                yield sign_up, value == SignUp.Status.ATTENDED
