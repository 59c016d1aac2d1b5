from django import forms
from django.utils.translation import gettext_lazy as _

SCORE_CHOICES = [
    (1, _("1 – very poor")),
    (2, _("2 – poor")),
    (3, _("3 – fair")),
    (4, _("4 – good")),
    (5, _("5 – very good")),
]


class ScoreForm(forms.Form):
    """One step of the inspection: a plain form, so it works on any phone."""

    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a score from 1 (very poor) to 5 (very good).")
        },
    )
    note = forms.CharField(
        label=_("What you saw"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    problem = forms.BooleanField(label=_("This needs putting right"), required=False)
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("A JPEG, PNG or WebP photo smaller than 10 MB."),
    )
