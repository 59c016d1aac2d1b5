"""The person behind every login: residents, TRA officers and staff alike.

Email is the only identifier (no usernames), matching allauth's email login.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window
from portal.core.transitions import Lifecycle, Move

from . import equality


class UserManager(DjangoUserManager):
    """Create users by email address instead of username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("last_login", time=True),
            date_window("date_joined", time=True),
        ]

    def __str__(self) -> str:
        if self.is_closed:
            return str(_("a former resident"))
        return self.get_full_name() or self.email

    @property
    def is_closed(self) -> bool:
        """Closed at the person's request (`services.account_close`): kept records
        still point here, and read as "a former resident"."""
        return not self.is_active and self.email.startswith("closed-account-")


class ResidentProfile(models.Model):
    """Where a resident lives, as they claim it and as staff have checked it.

    Until staff verify the claim against the tenancy records, a resident can read
    and follow things but not take part where eligibility depends on their home.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for us to check")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    # The decision is made once, through transition(); a changed claim goes back
    # to "waiting" (`reclaim`), because what staff checked was the old address.
    lifecycle = Lifecycle(
        field="status",
        moves={
            "verify": Move(
                sources={Status.PENDING},
                target=Status.VERIFIED,
                action="resident.verified",
                permission="accounts.verify_residentprofile",
            ),
            "reject": Move(
                sources={Status.PENDING},
                target=Status.REJECTED,
                action="resident.rejected",
                permission="accounts.verify_residentprofile",
                reason_required=_("Say why, so the resident knows what to do next."),
            ),
            "reclaim": Move(
                sources={Status.PENDING, Status.VERIFIED, Status.REJECTED},
                target=Status.PENDING,
                action="resident.home_claimed",
            ),
        },
        illegal_message=_("This claim has already been decided (%(state)s)."),
    )

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="resident_profile"
    )
    home = models.ForeignKey(
        "housing.Property",
        verbose_name=_("home"),
        on_delete=models.PROTECT,
        related_name="residents",
    )
    tenancy_reference = models.CharField(_("tenancy reference"), max_length=40)
    evidence = models.ForeignKey(
        "portal_core.PrivateFile",
        verbose_name=_("proof of address"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    assisted_by = models.ForeignKey(
        User,
        verbose_name=_("set up by staff"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Staff who set this up for the resident (assisted digital)."),
    )
    assisted_channel = models.CharField(
        _("how we heard"),
        max_length=10,
        choices=[
            ("phone", _("Phone call")),
            ("paper", _("Paper form")),
            ("in_person", _("In person")),
        ],
        blank=True,
    )

    class Meta:
        verbose_name = _("resident profile")
        ordering = ["submitted_at"]
        permissions = [("verify_residentprofile", "Can verify residents' homes")]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("submitted_at", time=True),
            date_window("decided_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.home}"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class ContactPreferences(models.Model):
    """How a person wants to hear from us, and in what format and language."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As it happens")
        DAILY = "daily", _("Once a day, in a round-up")
        WEEKLY = "weekly", _("Once a week, in a round-up")

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="contact_preferences"
    )
    by_email = models.BooleanField(_("Email"), default=True)
    by_sms = models.BooleanField(_("Text message (SMS)"), default=False)
    by_post = models.BooleanField(_("Post"), default=False)
    by_phone = models.BooleanField(_("Phone call"), default=False)
    phone = models.CharField(
        _("Mobile or phone number"),
        max_length=20,
        blank=True,
        help_text=_("Needed for text messages or phone calls."),
    )
    large_print = models.BooleanField(_("Large print"), default=False)
    braille = models.BooleanField(_("Braille"), default=False)
    audio = models.BooleanField(_("Audio"), default=False)
    easy_read = models.BooleanField(_("Easy read"), default=False)
    language = models.CharField(
        _("Language for letters and emails"), max_length=10, blank=True
    )
    other_language = models.CharField(
        _("Another language"),
        max_length=60,
        blank=True,
        help_text=_("If your language is not in the list, tell us which it is."),
    )
    topics = models.ManyToManyField(
        "portal_core.Topic", verbose_name=_("Topics you are interested in"), blank=True
    )
    # Places followed for alerts (new consultations open there), as it happens
    # or in the round-up. Other apps add what else may be followed (resident
    # groups: `groups.GroupFollow`) through `portal.accounts.follows`.
    areas = models.ManyToManyField(
        "housing.Area",
        verbose_name=_("Areas you want news about"),
        blank=True,
        related_name="+",
    )
    estates = models.ManyToManyField(
        "housing.Estate",
        verbose_name=_("Estates you want news about"),
        blank=True,
        related_name="+",
    )
    email_frequency = models.CharField(
        _("News about what you follow, by email"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    sms_frequency = models.CharField(
        _("News about what you follow, by text message"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )

    class Meta:
        verbose_name = _("contact preferences")
        verbose_name_plural = _("contact preferences")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def channels(self) -> list[str]:
        return [
            name
            for name in ("email", "sms", "post", "phone")
            if getattr(self, f"by_{name}")
        ]


class AccessNeeds(models.Model):
    """Support someone needs to take part, recorded once and reused everywhere.

    Some of it is special-category data (health), so it is only kept with the
    person's explicit consent; withdrawing consent deletes it.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="access_needs"
    )
    step_free = models.BooleanField(_("Step-free access"), default=False)
    hearing_loop = models.BooleanField(_("A hearing loop"), default=False)
    bsl_signer = models.BooleanField(
        _("A British Sign Language interpreter"), default=False
    )
    interpreter = models.BooleanField(_("A language interpreter"), default=False)
    interpreter_language = models.CharField(
        _("Which language?"), max_length=60, blank=True
    )
    childcare = models.BooleanField(_("A crèche or help with childcare"), default=False)
    transport = models.BooleanField(_("Help with transport"), default=False)
    large_print_papers = models.BooleanField(_("Papers in large print"), default=False)
    dietary = models.CharField(_("Food and drink needs"), max_length=200, blank=True)
    other = models.TextField(_("Anything else"), max_length=1000, blank=True)
    consent_given_at = models.DateTimeField(_("consent given"))

    class Meta:
        verbose_name = _("access needs")
        verbose_name_plural = _("access needs")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("consent_given_at", time=True),
        ]

    def __str__(self) -> str:
        return str(self.user)


class EqualityMonitoring(models.Model):
    """Optional answers that show whether involvement reflects all residents."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="equality_monitoring"
    )
    age_band = models.CharField(
        _("Age"), max_length=20, choices=equality.AGE_BANDS, blank=True
    )
    ethnicity = models.CharField(
        _("Ethnic group"), max_length=40, choices=equality.ETHNICITY, blank=True
    )
    disability = models.CharField(
        _(
            "Do you have a physical or mental health condition or illness lasting "
            "or expected to last 12 months or more?"
        ),
        max_length=20,
        choices=equality.YES_NO,
        blank=True,
    )
    sex = models.CharField(_("Sex"), max_length=20, choices=equality.SEX, blank=True)
    gender_same_as_birth = models.CharField(
        _("Is the gender you identify with the same as your sex registered at birth?"),
        max_length=20,
        choices=equality.YES_NO,
        blank=True,
    )
    sexual_orientation = models.CharField(
        _("Sexual orientation"),
        max_length=20,
        choices=equality.SEXUAL_ORIENTATION,
        blank=True,
    )
    religion = models.CharField(
        _("Religion"), max_length=20, choices=equality.RELIGION, blank=True
    )
    # Consent to use these answers to check who takes part (representativeness).
    # Empty means no consent: the answers are then left out of that report.
    representation_consent_at = models.DateTimeField(
        _("agreed to use in the “who takes part” check"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("equality monitoring")
        verbose_name_plural = _("equality monitoring")
        # No "view" of individuals in the admin: only the aggregate report.
        default_permissions = ()
        permissions = [
            ("report_equalitymonitoring", "Can see equality monitoring totals")
        ]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("representation_consent_at", time=True),
            date_window("updated_at", time=True),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Advocacy(models.Model):
    """A resident names someone they trust to act for them (a relative, carer or
    support worker): Transparency, Influence and Accountability Standard 2.1."""

    resident = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="advocates"
    )
    advocate = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="advocating_for"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # They act for the resident only once they accept. Until then the resident sees
    # nothing either way, so naming an email never reveals whether it has an account.
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("advocate")
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "advocate"], name="one_advocacy"
            ),
            models.CheckConstraint(
                condition=~models.Q(resident=models.F("advocate")),
                name="not_own_advocate",
            ),
            date_window("created_at", time=True),
            date_window("accepted_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.advocate} for {self.resident}"
