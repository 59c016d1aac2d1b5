from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import MOST_POUNDS as MAX_POUNDS
from portal.core.decisions import DecisionForm
from portal.core.fields import PoundsField
from portal.core.files import check_upload
from portal.core.steps import Step, Steps


class ApplicationForm(forms.Form):
    amount_requested = PoundsField(
        label=_("How much are you asking for?"),
        min_value=Decimal("0.01"),
        max_value=MAX_POUNDS,
        required=False,
    )
    purpose = forms.CharField(
        label=_("What is the money for?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    spending_plan = forms.CharField(
        label=_("How will you spend it? List the main costs."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


def application_steps(scheme) -> Steps:
    """The application one question a page; a fixed-amount scheme does not ask
    how much."""
    steps = [
        Step("amount", ("amount_requested",)),
        Step("purpose", ("purpose",)),
        Step("plan", ("spending_plan",)),
    ]
    if scheme.fixed_amount:
        steps = steps[1:]
    return Steps(ApplicationForm, steps)


class GrantDecisionForm(DecisionForm):
    """Approve (in full or part), ask or reject. The service says which need a
    reason, in its own words (a question to ask, why not approved, why less)."""

    decision_choices = [
        ("approve", _("Approve")),
        ("ask", _("Ask for more information")),
        ("reject", _("Do not approve")),
    ]
    reason_label = _("Reason, or the question to ask")
    field_order = ["decision", "amount", "reason", "override_reason"]

    amount = PoundsField(
        label=_("Amount to approve"),
        min_value=Decimal("0.01"),
        max_value=MAX_POUNDS,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Administrators only: why this may go over the budget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("What did the grant pay for, and what difference did it make?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what the grant paid for.")},
    )
    spent = PoundsField(
        label=_("How much of the grant did you spend?"),
        min_value=0,
        max_value=MAX_POUNDS,
        error_messages={"required": _("Enter the amount spent.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], "required")
        checked, problems = [], []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                checked.append((upload, check_upload(upload)))
            except forms.ValidationError as error:
                problems.append(f"{upload.name}: {' '.join(error.messages)}")
        if problems:
            raise forms.ValidationError(problems)
        return checked


UPLOAD_HELP = _(
    "PDFs or photos, up to 10 MB each. Only your side of the grant and our staff "
    "see them."
)


class ReportFilesForm(ReportForm):
    receipts = MultipleFileField(
        label=_("Receipts for what you spent"),
        help_text=UPLOAD_HELP,
        required=False,
    )
    photos = MultipleFileField(
        label=_("Photos of what the grant paid for (optional)"),
        help_text=UPLOAD_HELP,
        required=False,
    )


class GrantFileForm(forms.Form):
    file = MultipleFileField(
        label=_("Add a document"),
        help_text=_(
            "For example a quote, a plan or a letter of support. A PDF or a photo, "
            "up to 10 MB. Only your group’s officers, our staff and the scheme’s "
            "panel see it."
        ),
        error_messages={"required": _("Choose the file to upload.")},
        widget=forms.ClearableFileInput(),
    )
    description = forms.CharField(
        label=_("What is it? (optional)"), max_length=200, required=False
    )


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        help_text=_(
            "For example you, your family or a close friend is involved with the "
            "group, or would gain from the grant."
        ),
        widget=forms.RadioSelect,
        choices=[
            ("no", _("No, I have no conflict of interest")),
            ("yes", _("Yes, I have a conflict of interest")),
        ],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Say whether you have a conflict of interest.")},
    )
    conflict_reason = forms.CharField(
        label=_("If yes, what is the conflict?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


SCORE_CHOICES = [
    ("1", _("1 – poor")),
    ("2", _("2 – weak")),
    ("3", _("3 – fair")),
    ("4", _("4 – good")),
    ("5", _("5 – excellent")),
]


class ScoreForm(forms.Form):
    """One 1-to-5 choice for each of the scheme's criteria, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        help_text=_("Why you gave these scores. Staff read it with the scores."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Add a comment to explain your scores.")},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        comment = self.fields.pop("comment")
        for n, criterion in enumerate(criteria):
            message = _("Give a score from 1 to 5 for ‘%(criterion)s’.") % {
                "criterion": criterion
            }
            self.fields[f"score_{n}"] = forms.TypedChoiceField(
                label=criterion,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        self.fields["comment"] = comment

    @property
    def scores(self) -> list[int]:
        return [self.cleaned_data[f"score_{n}"] for n in range(len(self.criteria))]
