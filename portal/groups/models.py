"""Resident groups (TRAs, forums, representatives), their officers, records and
recognition.

Recognition status is never stored as a flag a nightly job flips: it is derived
from dates when read (`portal.groups.selectors.group_status`).
"""

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.core.constraints import date_window, not_before, within
from portal.core.transitions import Lifecycle, Move


@register_setting(icon="group")
class RecognitionRules(BaseGenericSetting):
    """The landlord's recognition rules (Maidstone's agreement gives the defaults)."""

    signup_share = models.DecimalField(
        _("households that must sign up (%)"),
        max_digits=5,
        decimal_places=2,
        default=25,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    landlord_share = models.DecimalField(
        _("of those, landlord customers (%)"),
        max_digits=5,
        decimal_places=2,
        default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("sign-up evidence lasts (months)"), default=24
    )
    agm_months = models.PositiveSmallIntegerField(
        _("an AGM must be held every (months)"), default=12
    )
    group_meetings_target = models.PositiveSmallIntegerField(
        _("public meetings a year (groups)"), default=4
    )
    group_newsletters_target = models.PositiveSmallIntegerField(
        _("newsletters a year (groups)"), default=4
    )
    rep_meetings_target = models.PositiveSmallIntegerField(
        _("public meetings a year (representatives)"), default=2
    )
    rep_newsletters_target = models.PositiveSmallIntegerField(
        _("newsletters a year (representatives)"), default=2
    )
    bank_statement_months = models.PositiveSmallIntegerField(
        _("a bank statement is current for (months)"), default=3
    )
    renewal_reminder_days = models.CharField(
        _("remind officers this many days before renewal"),
        max_length=40,
        default="90,30,7",
        help_text=_("Whole numbers separated by commas, for example 90,30,7."),
    )
    purge_months = models.PositiveSmallIntegerField(
        _("delete signers' details this many months after evidence expires"),
        default=6,
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("signup_share"),
                FieldPanel("landlord_share"),
                FieldPanel("renewal_months"),
                FieldPanel("purge_months"),
            ],
            heading=_("Sign-up evidence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("agm_months"),
                FieldPanel("group_meetings_target"),
                FieldPanel("group_newsletters_target"),
                FieldPanel("rep_meetings_target"),
                FieldPanel("rep_newsletters_target"),
                FieldPanel("bank_statement_months"),
                FieldPanel("renewal_reminder_days"),
            ],
            heading=_("Recognition"),
        ),
    ]

    class Meta:
        verbose_name = _("recognition rules")
        constraints = [
            within(
                field,
                0,
                100,
                name=f"recognition_{field}_a_percentage",
                message=_("Enter a percentage from 0 to 100."),
            )
            for field in ("signup_share", "landlord_share")
        ]

    @property
    def reminder_days(self) -> list[int]:
        return sorted(
            {
                int(part)
                for part in self.renewal_reminder_days.split(",")
                if part.strip()
            },
            reverse=True,
        )


class Group(models.Model):
    """A resident group, or a street/block representative (a group of one)."""

    class Kind(models.TextChoices):
        TRA = "tra", _("Tenants’ and residents’ association")
        LEASEHOLDER_FORUM = "leaseholder_forum", _("Leaseholder forum")
        SHELTERED = "sheltered", _("Sheltered housing residents’ association")
        YOUTH_FORUM = "youth_forum", _("Youth forum")
        OTHER = "other", _("Other resident group")
        REPRESENTATIVE = "representative", _("Street or block representative")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what the group does"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    estates = models.ManyToManyField(
        "housing.Estate", verbose_name=_("whole estates"), blank=True
    )
    streets = models.ManyToManyField(
        "housing.Street", verbose_name=_("blocks and streets"), blank=True
    )
    properties = models.ManyToManyField(
        "housing.Property", verbose_name=_("individual homes"), blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    derecognised_on = models.DateField(_("de-recognised on"), null=True, blank=True)
    derecognised_reason = models.TextField(_("why de-recognised"), blank=True)

    class Meta:
        verbose_name = _("resident group")
        ordering = ["name"]
        permissions = [("decide_recognition", "Can decide group recognition")]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("created_at", time=True),
            date_window("derecognised_on"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_representative(self) -> bool:
        return self.kind == self.Kind.REPRESENTATIVE


class GroupFollow(models.Model):
    """Someone who follows a resident group from the preference centre: they hear
    about the meetings of its bodies and their minutes. Kept here, not on the
    person's contact preferences, so accounts knows nothing of groups."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="followers")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group follower")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"], name="follow_a_group_once"
            ),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return str(self.group)


class Officer(models.Model):
    """A person who runs the group; officers (and only they) manage its records."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        TREASURER = "treasurer", _("Treasurer")
        COMMITTEE = "committee", _("Committee member")
        REPRESENTATIVE = "representative", _("Representative")

    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="officers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="group_offices",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    elected_on = models.DateField(_("elected on"))
    term_ends = models.DateField(_("term ends"), null=True, blank=True)
    may_be_named = models.BooleanField(
        _("may be named in the public directory"),
        default=False,
        help_text=_("Otherwise the public only sees the role, not the name."),
    )

    class Meta:
        verbose_name = _("group officer")
        ordering = ["group", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_office_each"),
            not_before(
                "term_ends",
                "elected_on",
                name="officer_term_ends_after_election",
                message=_("The term must end on or after the day they were elected."),
            ),
            date_window("elected_on"),
            date_window("term_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(24)


class OfficerInvitation(models.Model):
    """An officer asks someone by email to join as an officer; they accept once
    signed in with that email address."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Officer.Role.choices)
    elected_on = models.DateField(_("elected on"))
    token = models.CharField(max_length=40, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("officer invitation")
        ordering = ["-created_at"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("elected_on"),
            date_window("created_at", time=True),
            date_window("accepted_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.group}"


class Document(models.Model):
    """A record in the group's locker; private, and reused by grant applications."""

    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("Constitution")
        AGM_MINUTES = "agm_minutes", _("AGM minutes")
        ACCOUNTS = "accounts", _("Accounts")
        BANK_STATEMENT = "bank_statement", _("Bank statement")
        INSURANCE = "insurance", _("Insurance certificate")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.ForeignKey(
        "portal_core.PrivateFile", on_delete=models.PROTECT, related_name="+"
    )
    dated = models.DateField(
        _("date of the document"),
        help_text=_(
            "The date it was adopted, the date of the meeting, the end of the "
            "accounts year or the date of the statement."
        ),
    )
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("For insurance: the date the cover ends."),
    )
    version = models.CharField(_("version"), max_length=20, blank=True)
    has_equal_opportunities = models.BooleanField(
        _("includes an equal opportunities statement"), default=False
    )
    has_code_of_conduct = models.BooleanField(
        _("includes a code of conduct"), default=False
    )
    has_open_membership = models.BooleanField(
        _("membership is open to every resident of the area"), default=False
    )
    independent_checker = models.CharField(
        _("checked by (independent person)"), max_length=150, blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group document")
        ordering = ["kind", "-dated", "-pk"]
        indexes = [models.Index(fields=["group", "kind", "dated"])]
        constraints = [
            not_before(
                "valid_until",
                "dated",
                name="document_valid_from_its_date",
                message=_("“Valid until” must be on or after the document’s date."),
            ),
            date_window("dated"),
            date_window("valid_until"),
            date_window("uploaded_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.dated:%d %b %Y})"

    def expires_on(self, rules: RecognitionRules) -> datetime.date | None:
        """When this document stops counting; None for a constitution."""
        if self.kind == self.Kind.BANK_STATEMENT:
            return self.dated + relativedelta(months=rules.bank_statement_months)
        if self.kind in (self.Kind.AGM_MINUTES, self.Kind.ACCOUNTS):
            return self.dated + relativedelta(months=rules.agm_months)
        if self.kind == self.Kind.INSURANCE:
            return self.valid_until
        return None

    @property
    def constitution_checklist(self) -> list[tuple[str, bool]]:
        return [
            (_("Equal opportunities statement"), self.has_equal_opportunities),
            (_("Code of conduct"), self.has_code_of_conduct),
            (
                _("Membership open to all residents of the area"),
                self.has_open_membership,
            ),
        ]


class Activity(models.Model):
    """What the group did: public meetings (an AGM is one) and newsletters."""

    class Kind(models.TextChoices):
        PUBLIC_MEETING = "meeting", _("Public meeting")
        AGM = "agm", _("Annual general meeting (AGM)")
        NEWSLETTER = "newsletter", _("Newsletter")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"))
    venue = models.CharField(_("where"), max_length=200, blank=True)
    attendance = models.PositiveIntegerField(
        _("how many people came"), null=True, blank=True
    )
    minutes = models.ForeignKey(
        "portal_core.PrivateFile",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issue = models.CharField(_("newsletter issue"), max_length=80, blank=True)
    copies = models.PositiveIntegerField(_("copies given out"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("group activity")
        verbose_name_plural = _("group activities")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["group", "kind", "date"])]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d %b %Y}"

    @property
    def is_meeting(self) -> bool:
        return self.kind in (self.Kind.PUBLIC_MEETING, self.Kind.AGM)


class RecognitionApplication(models.Model):
    """Officers apply; an involvement officer decides with a reason. An approval
    fixes the date recognition runs until (from the evidence and the AGM)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Recognised")
        REJECTED = "rejected", _("Not recognised")

    lifecycle = Lifecycle(
        field="status",
        moves={
            "approve": Move(
                sources={Status.PENDING},
                target=Status.APPROVED,
                action="group.recognised",
                permission="groups.decide_recognition",
                reason_required=_("Give a reason the officers will see."),
            ),
            "reject": Move(
                sources={Status.PENDING},
                target=Status.REJECTED,
                action="group.recognition_refused",
                permission="groups.decide_recognition",
                reason_required=_("Give a reason the officers will see."),
            ),
        },
        illegal_message=_("This application has already been decided (%(state)s)."),
    )

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="applications"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    checklist = models.JSONField(_("checklist when applied"), default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    recognised_until = models.DateField(_("recognised until"), null=True, blank=True)

    class Meta:
        verbose_name = _("recognition application")
        ordering = ["applied_at"]
        # The recognition queue: by status, oldest first (issue 19).
        indexes = [
            models.Index(fields=["status", "applied_at"], name="recognition_queue_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(status="pending"),
                name="one_pending_application",
            ),
            date_window("applied_at", time=True),
            date_window("decided_at", time=True),
            date_window("recognised_until"),
        ]

    def __str__(self) -> str:
        return f"{self.group} ({self.applied_at:%d %b %Y})"
