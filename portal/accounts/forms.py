from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from localflavor.gb.forms import GBPostcodeField

from portal.core.decisions import DecisionForm as BaseDecisionForm
from portal.core.fields import BoundedModelMultipleChoiceField
from portal.core.files import check_upload
from portal.core.steps import Step, Steps
from portal.housing.models import Property

from . import follows
from .models import AccessNeeds, ContactPreferences, EqualityMonitoring


class PostcodeForm(forms.Form):
    postcode = GBPostcodeField(
        label=_("Your postcode"),
        help_text=_("For example, RV1 3AB"),
        error_messages={
            "required": _("Enter your postcode."),
            "invalid": _("Enter a full UK postcode, like RV1 3AB."),
        },
    )


class HomeChoiceForm(forms.Form):
    """Pick your address from the homes at a postcode, and give your reference."""

    home = forms.ModelChoiceField(
        label=_("Your address"),
        queryset=Property.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose your address from the list.")},
    )
    tenancy_reference = forms.CharField(
        label=_("Your tenancy or account reference"),
        help_text=_(
            "It is on your tenancy agreement, rent statement or service charge bill."
        ),
        max_length=40,
        error_messages={"required": _("Enter your tenancy or account reference.")},
    )
    evidence = forms.FileField(
        label=_("Proof of address (optional)"),
        help_text=_(
            "A photo or PDF of a letter from us or a rent statement helps us check "
            "faster. Only the staff who check it can see it. Up to 10 MB."
        ),
        required=False,
    )

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.evidence_type = check_upload(upload)
        return upload

    def __init__(self, *args, homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = homes
        self.fields["home"].label_from_instance = lambda home: ", ".join(
            part for part in (home.address_line_1, home.address_line_2) if part
        )


class DecisionForm(BaseDecisionForm):
    """Staff decision on a resident's claim to live at an address."""

    decision_choices = [
        ("verify", _("Verified: the reference matches our records")),
        ("reject", _("Not verified")),
    ]
    decision_required_message = _("Choose whether to verify this resident.")
    reason_label = _("Reason (the resident will see this if not verified)")
    reason_required_for = frozenset({"reject"})
    reason_required_message = _("Say why, so the resident knows what to do next.")
    reason_max_length = 1000


class ContactPreferencesForm(forms.ModelForm):
    class Meta:
        model = ContactPreferences
        fields = [
            "by_email",
            "by_sms",
            "by_post",
            "by_phone",
            "phone",
            "large_print",
            "braille",
            "audio",
            "easy_read",
            "language",
            "other_language",
            "topics",
        ]
        widgets = {"topics": forms.CheckboxSelectMultiple}
        field_classes = {"topics": BoundedModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=self.fields["language"].label,
            choices=[("", _("No preference")), *settings.LANGUAGES],
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"by_{c}") for c in ("email", "sms", "post", "phone")):
            raise forms.ValidationError(
                _("Choose at least one way for us to contact you.")
            )
        if (cleaned.get("by_sms") or cleaned.get("by_phone")) and not cleaned.get(
            "phone"
        ):
            self.add_error(
                "phone", _("Enter a phone number so we can text or call you.")
            )
        return cleaned


FOLLOWED = ("areas", "estates")


class NotificationSettingsForm(ContactPreferencesForm):
    """The preference centre: channels, language, formats, round-ups, and the kinds
    of message someone unsubscribed from (tick to hear about them again)."""

    resubscribe = forms.MultipleChoiceField(
        label=_("Send me these again"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(ContactPreferencesForm.Meta):
        fields = [
            *ContactPreferencesForm.Meta.fields,
            *FOLLOWED,
            "email_frequency",
            "sms_frequency",
        ]
        widgets = {
            **ContactPreferencesForm.Meta.widgets,
            **dict.fromkeys(FOLLOWED, forms.CheckboxSelectMultiple),
            "email_frequency": forms.RadioSelect,
            "sms_frequency": forms.RadioSelect,
        }
        field_classes = {
            **ContactPreferencesForm.Meta.field_classes,
            **dict.fromkeys(FOLLOWED, BoundedModelMultipleChoiceField),
        }

    def __init__(self, *args, person=None, opted_out=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._add_registered_follows(person)
        if opted_out:
            self.fields["resubscribe"].choices = list(opted_out)
        else:
            del self.fields["resubscribe"]

    def _add_registered_follows(self, person) -> None:
        """What other apps let people follow, after areas and estates."""
        names = list(self.fields)
        at = names.index(FOLLOWED[-1]) + 1
        for follow in follows.registered():
            self.fields[follow.name] = follow.field()
            if person is not None and not self.is_bound:
                self.initial[follow.name] = [o.pk for o in follow.followed(person)]
            names.insert(at, follow.name)
            at += 1
        self.order_fields(names)

    def save_follows(self, person) -> None:
        for follow in follows.registered():
            follow.save(person, self.cleaned_data.get(follow.name) or [])


class AccessNeedsForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that my landlord may keep this information to arrange "
            "support for me when I take part. I can delete it at any time."
        ),
        error_messages={
            "required": _("Tick the box to agree, or we cannot keep this information.")
        },
    )

    class Meta:
        model = AccessNeeds
        fields = [
            "step_free",
            "hearing_loop",
            "bsl_signer",
            "interpreter",
            "interpreter_language",
            "childcare",
            "transport",
            "large_print_papers",
            "dietary",
            "other",
        ]

    def __init__(self, *args, landlord_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if landlord_name:
            self.fields["consent"].label = _(
                "I agree that %(landlord)s may keep this information to arrange "
                "support for me when I take part. I can delete it at any time."
            ) % {"landlord": landlord_name}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter") and not cleaned.get("interpreter_language"):
            self.add_error(
                "interpreter_language", _("Tell us which language you need.")
            )
        return cleaned


class EqualityMonitoringForm(forms.ModelForm):
    class Meta:
        model = EqualityMonitoring
        fields = [
            "age_band",
            "ethnicity",
            "disability",
            "sex",
            "gender_same_as_birth",
            "sexual_orientation",
            "religion",
        ]
        widgets = dict.fromkeys(
            [
                "age_band",
                "disability",
                "sex",
                "gender_same_as_birth",
                "sexual_orientation",
                "religion",
            ],
            forms.RadioSelect,
        )

    use_for_representation = forms.BooleanField(
        label=_(
            "Yes, you may use my answers to check whether the people who take part "
            "reflect everyone who lives in your homes"
        ),
        help_text=_(
            "We count your answers, never show them with your name, and only in "
            "totals of 5 or more. Untick this box and save at any time to stop: we "
            "then stop using your answers, including for things you took part in "
            "before."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                # Every answer is optional: no "---------" radio button.
                field.choices = [c for c in field.choices if c[0]]
            elif isinstance(field, forms.ChoiceField):
                field.choices = [("", _("Choose an answer")), *field.choices[1:]]
        self.fields["use_for_representation"].initial = bool(
            self.instance.pk and self.instance.representation_consent_at
        )


EQUALITY_STEPS = Steps(
    EqualityMonitoringForm,
    [
        Step("age", ("age_band",)),
        Step("ethnicity", ("ethnicity",)),
        Step("disability", ("disability",)),
        Step(
            "sex-and-gender",
            ("sex", "gender_same_as_birth"),
            heading=_("Sex and gender identity"),
        ),
        Step("sexual-orientation", ("sexual_orientation",)),
        Step("religion", ("religion",)),
        # The box's label is a sentence to agree to, not a question: the page
        # asks the question.
        Step(
            "use-of-answers",
            ("use_for_representation",),
            heading=_("May we use your answers to check who takes part?"),
        ),
    ],
)


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to confirm.")},
    )
    understood = forms.BooleanField(
        label=_("I understand that this removes my account and cannot be undone."),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password


class AssistedRegistrationForm(forms.Form):
    """Staff set up a resident who phoned, wrote or came in."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address (if they have one)"), required=False
    )
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    uprn = forms.CharField(
        label=_("UPRN of their home"),
        max_length=12,
        help_text=_("Find it in the property register."),
    )
    tenancy_reference = forms.CharField(label=_("Tenancy reference"), max_length=40)
    channel = forms.ChoiceField(
        label=_("How did they contact us?"),
        choices=[
            ("phone", _("Phone call")),
            ("paper", _("Paper form")),
            ("in_person", _("In person")),
        ],
        widget=forms.RadioSelect,
    )
    checked = forms.BooleanField(
        label=_("I checked the tenancy reference against our records"),
        required=False,
    )

    def clean_uprn(self):
        uprn = self.cleaned_data["uprn"].strip()
        home = Property.objects.filter(uprn=uprn).first()
        if home is None:
            raise forms.ValidationError(_("No property has this UPRN."))
        self.cleaned_data["home"] = home
        return uprn


class AdvocateForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("They need an account on this website already."),
    )
