"""Grant schemes configured by staff, applications kept with the form as it was,
and a ledger per scheme and financial year that approvals lock."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import GRANT_PANEL
from portal.core.constraints import (
    MOST_BUDGET,
    MOST_POUNDS,
    date_window,
    not_before,
    within,
)
from portal.core.transitions import Lifecycle, Move


def financial_year(day: datetime.date) -> int:
    """The April-to-March year a day falls in, by its starting year."""
    return day.year if day.month >= 4 else day.year - 1


def needs_second_approval(application) -> bool:
    """Above `INVOLVE_GRANT_SECOND_APPROVAL_OVER` a second, different Finance
    approver must agree before the money is committed to be paid."""
    threshold = Decimal(settings.INVOLVE_GRANT_SECOND_APPROVAL_OVER)
    return (application.amount_approved or 0) > threshold


def _alone_is_enough(application) -> bool:
    return not needs_second_approval(application)


class GrantScheme(models.Model):
    class Applicant(models.TextChoices):
        RECOGNISED_GROUP = "recognised_group", _("A recognised residents’ group")
        REPRESENTATIVE = "representative", _("A street or block representative")
        FORMING_GROUP = "forming_group", _("A group being set up")
        RESIDENT = "resident", _("A verified resident")

    class Frequency(models.TextChoices):
        ONCE_EVER = "once_ever", _("Once only")
        YEARLY = "yearly", _("Once each financial year")

    name = models.CharField(_("name"), max_length=150)
    summary = models.TextField(_("what it is for"))
    applicant = models.CharField(
        _("who may apply"), max_length=20, choices=Applicant.choices
    )
    fixed_amount = models.BooleanField(_("a fixed amount"), default=False)
    amount = models.DecimalField(
        _("amount (or the most)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default="yearly"
    )
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes"), null=True, blank=True)
    annual_budget = models.DecimalField(
        _("budget each financial year"), max_digits=12, decimal_places=2
    )
    needs_insurance = models.BooleanField(_("needs insurance evidence"), default=False)
    conditions = models.TextField(_("conditions"), blank=True)
    report_due_days = models.PositiveIntegerField(
        _("end-of-grant report due (days after payment)"), default=365
    )
    is_active = models.BooleanField(_("open to applications"), default=True)
    min_public_meetings = models.PositiveSmallIntegerField(
        _("public meetings the group must hold in the grant year"), default=0
    )
    min_newsletters = models.PositiveSmallIntegerField(
        _("newsletters the group must publish in the grant year"), default=0
    )
    panel_scoring = models.BooleanField(
        _("scored by a residents’ panel"),
        default=False,
        help_text=_("Panel members declare any conflict, then score each application."),
    )
    panel_criteria = models.TextField(
        _("scoring criteria, one a line"),
        blank=True,
        help_text=_("Each is scored from 1 (poor) to 5 (excellent)."),
    )
    panel_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("panel members"),
        blank=True,
        related_name="grant_panels",
        limit_choices_to={"groups__name": GRANT_PANEL},
    )

    class Meta:
        verbose_name = _("grant scheme")
        ordering = ["amount"]
        constraints = [
            within(
                "amount",
                Decimal("0.01"),
                MOST_POUNDS,
                name="grant_scheme_amount_in_range",
                message=_("The amount must be between £0.01 and £999,999.99."),
            ),
            within(
                "annual_budget",
                0,
                MOST_BUDGET,
                name="grant_scheme_budget_in_range",
                message=_("The budget must be between £0 and £99,999,999.99."),
            ),
            not_before(
                "closes_on",
                "opens_on",
                name="grant_scheme_closes_after_it_opens",
                message=_("The closing date must be on or after the opening date."),
            ),
            date_window("opens_on"),
            date_window("closes_on"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def criteria(self) -> list[str]:
        return [
            line.strip() for line in self.panel_criteria.splitlines() if line.strip()
        ]


class BudgetLedger(models.Model):
    """One row per scheme and year: the row an approval locks, so two officers
    approving at once cannot overspend."""

    scheme = models.ForeignKey(
        GrantScheme, on_delete=models.CASCADE, related_name="ledgers"
    )
    year = models.PositiveIntegerField(_("financial year starting"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("budget ledger")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year"], name="one_ledger_a_year"
            ),
            within(
                "budget",
                0,
                MOST_BUDGET,
                name="budget_ledger_in_range",
                message=_("The budget must be between £0 and £99,999,999.99."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} {self.year}/{(self.year + 1) % 100:02d}"


class GrantApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        MORE_INFO = "more_info", _("More information needed")
        AWAITING_SECOND = "awaiting_second", _("Waiting for a second approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PAID = "paid", _("Paid")

    # Every change of status goes through portal.core.transitions.transition().
    lifecycle = Lifecycle(
        field="status",
        illegal_message=_("This application is %(state)s, so that cannot be done now."),
        moves={
            "submit": Move(
                sources={Status.DRAFT, Status.MORE_INFO},
                target=Status.SUBMITTED,
                action="grant.submitted",
            ),
            "withdraw": Move(
                sources={Status.DRAFT, Status.SUBMITTED, Status.MORE_INFO},
                target=Status.WITHDRAWN,
                action="grant.withdrawn",
                stamps=("decided_at",),
            ),
            "ask": Move(
                sources={Status.SUBMITTED},
                target=Status.MORE_INFO,
                action="grant.more_info",
                permission="grants.decide_grant",
                reason_required=_("Say what you need to know."),
            ),
            # One approver alone up to the threshold; above it the first
            # approval waits for a second (`needs_second_approval`). Only the
            # moves that decide date it (`decided_at`), as for expense claims:
            # a first approval is not the decision.
            "approve": Move(
                sources={Status.SUBMITTED},
                target=Status.APPROVED,
                action="grant.approved",
                permission="grants.decide_grant",
                condition=_alone_is_enough,
                condition_message=_("A grant this big needs a second approval."),
                stamps=("decided_at",),
            ),
            "first_approval": Move(
                sources={Status.SUBMITTED},
                target=Status.AWAITING_SECOND,
                action="grant.first_approval",
                permission="grants.decide_grant",
                condition=needs_second_approval,
                condition_message=_(
                    "A grant this small is approved by one person alone."
                ),
            ),
            "second_approval": Move(
                sources={Status.AWAITING_SECOND},
                target=Status.APPROVED,
                action="grant.second_approval",
                permission="grants.decide_grant",
                stamps=("decided_at",),
            ),
            "reject": Move(
                sources={Status.SUBMITTED, Status.AWAITING_SECOND},
                target=Status.REJECTED,
                action="grant.rejected",
                permission="grants.decide_grant",
                reason_required=_("Say why it is not approved."),
                stamps=("decided_at",),
            ),
            "pay": Move(
                sources={Status.APPROVED}, target=Status.PAID, action="grant.paid"
            ),
        },
        # Changes that keep the status, checked through ensure(): the applicant's
        # answers and files, the end-of-grant report, and the panel's
        # declarations and scores (until the application is decided).
        edits={
            "edit": {Status.DRAFT, Status.MORE_INFO},
            "report": {Status.PAID},
            "score": {Status.SUBMITTED, Status.MORE_INFO},
        },
    )

    scheme = models.ForeignKey(
        GrantScheme, on_delete=models.PROTECT, related_name="applications"
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    amount_requested = models.DecimalField(
        _("amount asked for"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    purpose = models.TextField(_("what the money is for"), blank=True)
    spending_plan = models.TextField(_("how it will be spent"), blank=True)
    answers = models.JSONField(_("the form as submitted"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    year = models.PositiveIntegerField(
        _("financial year starting"), null=True, blank=True
    )
    amount_approved = models.DecimalField(
        _("amount approved"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Above the two-approver limit, who gave the second approval (as on an
    # expense claim); the decision date is the moment they did.
    second_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    report_due_on = models.DateField(
        _("end-of-grant report due"), null=True, blank=True
    )
    report_received_on = models.DateField(
        _("end-of-grant report received"), null=True, blank=True
    )
    report_summary = models.TextField(_("what the grant paid for"), blank=True)
    report_spent = models.DecimalField(
        _("amount spent"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grant application")
        permissions = [
            ("decide_grant", "Can decide grant applications"),
            ("score_grantapplication", "Can score grant applications on a panel"),
        ]
        indexes = [
            models.Index(fields=["status", "scheme"]),
            models.Index(fields=["group", "scheme", "year"]),
            # The decision queue: newest sent first (issue 19).
            models.Index(fields=["-submitted_at", "-id"], name="grantapp_queue_idx"),
        ]
        constraints = [
            within(
                field,
                0,
                MOST_POUNDS,
                name=f"grant_{field}_in_range",
                message=_("Amounts must be between £0 and £999,999.99."),
            )
            for field in ("amount_requested", "amount_approved", "report_spent")
        ] + [
            date_window("submitted_at", time=True),
            date_window("decided_at", time=True),
            date_window("report_due_on"),
            date_window("report_received_on"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} – {self.group or self.applicant}"

    @property
    def is_approved(self) -> bool:
        """Approved with nothing else needed (a second approval included): what
        the applicant is told, derived from the status, never from the amount."""
        return self.status in {self.Status.APPROVED, self.Status.PAID}

    @property
    def committed_amount(self) -> Decimal:
        return self.amount_approved or Decimal("0")

    def payment_settled(self, *, payment, actor) -> None:
        """Called by portal.payments when the grant's payment is paid or failed."""
        from .services import grant_payment_settled

        grant_payment_settled(application=self, payment=payment, actor=actor)


class PanelReview(models.Model):
    """One panel member's view of one application: first the conflict-of-interest
    declaration, then (only without a conflict) a score for each criterion, kept
    with the criterion's wording as it was scored."""

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="panel_reviews"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    conflict = models.BooleanField(_("has a conflict of interest"))
    conflict_reason = models.TextField(_("the conflict"), blank=True)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    scores = models.JSONField(_("scores"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    class Meta:
        verbose_name = _("panel review")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="one_review_per_member"
            ),
            date_window("declared_at", time=True),
            date_window("scored_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.member}"

    @property
    def total(self) -> int | None:
        return sum(row["score"] for row in self.scores) if self.scores else None


class GrantFile(models.Model):
    """A private file on an application: extra documents sent with it, or the
    receipts and photos of its end-of-grant report. The file belongs to the grant
    (a money record), not to the person who uploaded it, so it stays when they
    close their account."""

    class Kind(models.TextChoices):
        SUPPORTING = "supporting", _("Supporting document")
        RECEIPT = "receipt", _("Receipt")
        PHOTO = "photo", _("Photo")

    application = models.ForeignKey(
        GrantApplication, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("what it shows"), max_length=200, blank=True)
    file = models.ForeignKey(
        "portal_core.PrivateFile", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant file")
        ordering = ["kind", "uploaded_at", "pk"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("uploaded_at", time=True),
        ]

    def __str__(self) -> str:
        return self.file.original_name
