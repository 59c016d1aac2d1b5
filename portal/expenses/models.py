"""Expenses policy as data: versions with an `effective_from` date, each with
its categories (rates, bands and caps). The version in force on the activity date
applies."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from portal.core.constraints import MOST_POUNDS, date_window, within
from portal.core.money import format_money
from portal.core.queues import queue_index, waiting_first_field
from portal.core.transitions import Lifecycle, Move

MONEY = {
    "max_digits": 8,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"))],
}


class ExpensePolicy(ClusterableModel):
    name = models.CharField(_("name"), max_length=120)
    effective_from = models.DateField(
        _("in force from"),
        unique=True,
        help_text=_(
            "Applies to activities on or after this date, until a later version."
        ),
    )
    claim_deadline_months = models.PositiveSmallIntegerField(
        _("claim deadline (months after the activity)"), default=3
    )
    receipt_required_above = models.DecimalField(
        _("receipt needed above (£)"), default=Decimal("10.00"), **MONEY
    )
    notes = models.TextField(_("notes"), blank=True)
    # Plausibility checks: a line or claim beyond these is flagged for the
    # approver with the reason; nothing is refused. Empty turns a check off.
    long_journey_miles = models.PositiveIntegerField(
        _("check a journey longer than (miles)"), null=True, blank=True, default=100
    )
    most_claims_a_day = models.PositiveSmallIntegerField(
        _("check more claims for one day than"),
        null=True,
        blank=True,
        default=2,
        help_text=_("Claims sent by one person for activities on the same day."),
    )
    care_hours_beyond_meeting = models.DecimalField(
        _("check care longer than the meeting plus (hours)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        default=Decimal("2"),
    )
    care_hours_without_meeting = models.DecimalField(
        _("check care longer than (hours), when no meeting times are known"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        default=Decimal("6"),
    )
    claim_times_median = models.DecimalField(
        _("check a claim more than this many times the person's usual claim"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        default=Decimal("3"),
        help_text=_("Compared with the median of their earlier claims."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("effective_from"),
        FieldPanel("claim_deadline_months"),
        FieldPanel("receipt_required_above"),
        FieldPanel("notes"),
        MultiFieldPanel(
            [
                FieldPanel("long_journey_miles"),
                FieldPanel("most_claims_a_day"),
                FieldPanel("care_hours_beyond_meeting"),
                FieldPanel("care_hours_without_meeting"),
                FieldPanel("claim_times_median"),
            ],
            heading=_("Checks for the approver"),
        ),
        InlinePanel("categories", heading=_("Categories, rates and caps")),
    ]

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            within(
                "receipt_required_above",
                0,
                MOST_POUNDS,
                name="expenses_policy_receipt_threshold_in_range",
                message=_("Amounts must be between £0 and £999,999.99."),
            ),
            *(
                within(
                    field,
                    0,
                    Decimal("24"),  # a day
                    name=f"expenses_policy_{field}_in_range",
                    message=_("Hours must be between 0 and 24."),
                )
                for field in ("care_hours_beyond_meeting", "care_hours_without_meeting")
            ),
            date_window("effective_from"),
        ]
        verbose_name = _("expenses policy")
        verbose_name_plural = _("expenses policies")

    def __str__(self):
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"


class ExpenseCategory(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", _("Mileage by car or motorbike")
        CYCLING = "cycling", _("Mileage by bicycle")
        CARE = "care", _("Childcare or care for a dependant")
        PUBLIC_TRANSPORT = "public_transport", _("Bus, train or tram fares")
        TAXI = "taxi", _("Taxi")
        MEAL = "meal", _("Meal")
        POSTAGE = "postage", _("Postage")
        STATIONERY = "stationery", _("Stationery")
        PHONE = "phone", _("Phone and internet")
        EQUIPMENT = "equipment", _("Equipment")
        OTHER = "other", _("Other cost with a receipt")

    policy = ParentalKey(
        ExpensePolicy, on_delete=models.CASCADE, related_name="categories"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    rate = models.DecimalField(
        _("rate (£ per mile or per hour)"), null=True, blank=True, **MONEY
    )
    band_miles = models.PositiveIntegerField(
        _("miles in the tax year at the first rate"), null=True, blank=True
    )
    rate_after_band = models.DecimalField(
        _("rate after those miles (£ per mile)"), null=True, blank=True, **MONEY
    )
    passenger_rate = models.DecimalField(
        _("extra per passenger (£ per mile)"), null=True, blank=True, **MONEY
    )
    cap = models.DecimalField(
        _("most we pay per claim line (£)"), null=True, blank=True, **MONEY
    )
    yearly_cap = models.DecimalField(
        _("most we pay a person in a tax year (£)"), null=True, blank=True, **MONEY
    )
    needs_reason = models.BooleanField(
        _("needs a reason or pre-approval"), default=False
    )
    needs_pre_approval = models.BooleanField(
        _("needs a pre-approval"),
        default=False,
        help_text=_("The person must ask us and be approved before they spend."),
    )
    needs_evidence = models.BooleanField(
        _("always needs a receipt, ticket or statement"),
        default=False,
        help_text=_("Whatever the amount, for example for fares."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("rate"),
        FieldPanel("band_miles"),
        FieldPanel("rate_after_band"),
        FieldPanel("passenger_rate"),
        FieldPanel("cap"),
        FieldPanel("yearly_cap"),
        FieldPanel("needs_reason"),
        FieldPanel("needs_pre_approval"),
        FieldPanel("needs_evidence"),
    ]

    class Meta:
        ordering = ["policy", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind"], name="expenses_one_category_per_kind"
            ),
            *(
                within(
                    field,
                    0,
                    MOST_POUNDS,
                    name=f"expense_category_{field}_in_range",
                    message=_("Amounts must be between £0 and £999,999.99."),
                )
                for field in (
                    "rate",
                    "rate_after_band",
                    "passenger_rate",
                    "cap",
                    "yearly_cap",
                )
            ),
        ]
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")

    def __str__(self):
        return self.name


def second_approval_above() -> Decimal:
    """Claims approved for more than this need a second, different approver
    (`INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE`)."""
    return Decimal(
        str(getattr(settings, "INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE", 100))
    )


def needs_second_approval(claim) -> bool:
    """A claim sent for a first decision whose approved total is over the limit."""
    return (
        claim.status == ExpenseClaim.Status.SUBMITTED
        and (claim.approved_total or 0) > second_approval_above()
    )


def _alone_is_enough(claim) -> bool:
    return not needs_second_approval(claim)


class ExpenseClaim(models.Model):
    class Activity(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training")
        EVENT = "event", _("Event")
        GROUP = "group", _("Group business")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        QUERIED = "queried", _("Question for you")
        SECOND_APPROVAL = "second_approval", _("Waiting for a second approver")
        APPROVED = "approved", _("Approved, waiting for payment")
        REJECTED = "rejected", _("Not approved")
        PAID = "paid", _("Paid")
        PAYMENT_FAILED = "payment_failed", _("Payment failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Every change of status goes through `portal.core.transitions.transition()`
    # (services.py); `edits` change a claim's lines without moving it.
    lifecycle = Lifecycle(
        field="status",
        illegal_message=_("This claim is %(state)s, so that cannot be done now."),
        moves={
            # The claimant sends their draft, or answers our question.
            "submit": Move(
                sources={Status.DRAFT},
                target=Status.SUBMITTED,
                action="expense claim submitted",
            ),
            "answer": Move(
                sources={Status.QUERIED},
                target=Status.SUBMITTED,
                action="expense query answered",
            ),
            # An approver asks, approves (alone, or first of two above the
            # threshold, then second) or refuses.
            "query": Move(
                sources={Status.SUBMITTED, Status.SECOND_APPROVAL},
                target=Status.QUERIED,
                action="expense claim queried",
                permission="expenses.approve_expenseclaim",
            ),
            # The approved total picks approving alone or a first approval
            # (`needs_second_approval`); only a final decision is dated.
            "first_approval": Move(
                sources={Status.SUBMITTED},
                target=Status.SECOND_APPROVAL,
                action="expense claim first approval",
                permission="expenses.approve_expenseclaim",
                condition=needs_second_approval,
                condition_message=_(
                    "A claim this small is approved by one person alone."
                ),
            ),
            "approve": Move(
                sources={Status.SUBMITTED, Status.SECOND_APPROVAL},
                target=Status.APPROVED,
                action="expense claim approved",
                permission="expenses.approve_expenseclaim",
                condition=_alone_is_enough,
                condition_message=_("A claim this big needs a second approval."),
                stamps=("decided_at",),
            ),
            "reject": Move(
                sources={Status.SUBMITTED, Status.SECOND_APPROVAL},
                target=Status.REJECTED,
                action="expense claim rejected",
                permission="expenses.approve_expenseclaim",
                reason_required=_("Give the reason for rejecting the claim."),
                stamps=("decided_at",),
            ),
            # The claimant, before anything is decided: a draft they no longer
            # want, or a claim sent, queried or waiting for a second approval.
            "withdraw": Move(
                sources={
                    Status.DRAFT,
                    Status.SUBMITTED,
                    Status.QUERIED,
                    Status.SECOND_APPROVAL,
                },
                target=Status.WITHDRAWN,
                action="expense claim withdrawn",
                stamps=("decided_at",),
            ),
            # Told by `portal.payments` (a failed payment may be tried again).
            "paid": Move(
                sources={Status.APPROVED, Status.PAYMENT_FAILED},
                target=Status.PAID,
                action="expense claim paid",
            ),
            "payment_failed": Move(
                sources={Status.APPROVED, Status.PAYMENT_FAILED},
                target=Status.PAYMENT_FAILED,
                action="expense claim payment_failed",
            ),
        },
        edits={
            # The claimant's costs, while the claim is theirs to change.
            "add_line": {Status.DRAFT, Status.QUERIED},
            "remove_line": {Status.DRAFT, Status.QUERIED},
            # An approver decides each line before approving the claim.
            "decide_line": {Status.SUBMITTED},
        },
    )

    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimant"),
        on_delete=models.PROTECT,
        related_name="expense_claims",
    )
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("claiming for group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expense_claims",
    )
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)
    description = models.CharField(_("what it was"), max_length=200)
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity_date = models.DateField(_("date of the activity"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    declared_at = models.DateTimeField(_("declaration made"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    late_reason = models.TextField(_("why the claim is late"), blank=True)
    submitted_late = models.BooleanField(
        _("sent after the deadline"), default=False, db_index=True
    )
    late_override_reason = models.TextField(
        _("why a late claim was approved"), blank=True
    )
    query = models.TextField(_("question for the claimant"), blank=True)
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    approved_total = models.DecimalField(
        _("approved total (£)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    checks_flagged = models.PositiveSmallIntegerField(
        _("plausibility checks to look at"),
        default=0,
        help_text=_("Counted when the claim is sent, for the queue's Check tag."),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["claimant", "activity_date"]),
            # The approvers' queue: newest sent first (issue 19).
            models.Index(
                fields=["-submitted_at", "-id"], name="expenseclaim_queue_idx"
            ),
        ]
        permissions = [
            ("approve_expenseclaim", _("Can approve or reject expense claims")),
        ]
        constraints = [
            within(
                "approved_total",
                0,
                MOST_POUNDS,
                name="expense_claim_total_in_range",
                message=_("Amounts must be between £0 and £999,999.99."),
            ),
            date_window("activity_date"),
            date_window("declared_at", time=True),
            date_window("submitted_at", time=True),
            date_window("decided_at", time=True),
            date_window("created_at", time=True),
        ]
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")

    def __str__(self):
        return f"{self.reference}: {self.description}"

    @property
    def reference(self) -> str:
        return f"EXP{self.pk:06d}" if self.pk else "EXP-NEW"

    @property
    def can_withdraw(self) -> bool:
        return self.status in self.lifecycle["withdraw"].sources_set

    def payment_settled(self, *, payment, actor):
        """Called by `portal.payments` when the payment is paid or has failed."""
        from .services import claim_payment_settled

        claim_payment_settled(claim=self, payment=payment, actor=actor)


# Claims that ended without being paid (refused by us, or withdrawn by the
# claimant): they hold nothing in a person's mileage band, yearly caps,
# pre-approvals or receipts.
ENDED_UNPAID = (ExpenseClaim.Status.REJECTED, ExpenseClaim.Status.WITHDRAWN)


# What one line of a claim can hold: a return journey, a car's seats, a day of
# care, the most one cost could be. Beyond these it is a typing slip (or an
# attack), refused with a message rather than priced.
LINE_LIMITS = {
    "miles": 2000,
    "passengers": 8,
    "hours": Decimal("24"),
    "spent": Decimal("5000"),
}


class ExpenseLine(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Not yet decided")
        APPROVED = "approved", _("Approved")
        REDUCED = "reduced", _("Approved at a lower amount")
        REJECTED = "rejected", _("Not approved")

    claim = models.ForeignKey(
        ExpenseClaim, on_delete=models.CASCADE, related_name="lines"
    )
    category = models.ForeignKey(
        ExpenseCategory, verbose_name=_("type of cost"), on_delete=models.PROTECT
    )
    miles = models.PositiveIntegerField(
        _("miles"), default=0, validators=[MaxValueValidator(LINE_LIMITS["miles"])]
    )
    passengers = models.PositiveSmallIntegerField(
        _("passengers"),
        default=0,
        validators=[MaxValueValidator(LINE_LIMITS["passengers"])],
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(LINE_LIMITS["hours"])],
    )
    spent = models.DecimalField(
        _("amount spent (£)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(LINE_LIMITS["spent"])],
    )
    reason = models.TextField(_("reason or who approved it"), blank=True)
    pre_approval = models.ForeignKey(
        "PreApproval",
        verbose_name=_("pre-approval"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
    )
    receipt = models.ForeignKey(
        "portal_core.PrivateFile",
        verbose_name=_("receipt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount = models.DecimalField(
        _("amount claimed (£)"), max_digits=8, decimal_places=2
    )
    explanation = models.TextField(_("how it was worked out"))
    # The mileage ledger (see ledger.py): lines are ordered by activity date, then
    # by when they were added; a line's price follows from the miles before it.
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    sent_amount = models.DecimalField(
        _("amount when the claim was sent (£)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    miles_at_rate = models.PositiveIntegerField(_("miles at the first rate"), default=0)
    miles_allowed = models.PositiveIntegerField(
        _("miles allowed by the approver"), null=True, blank=True
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    approved_amount = models.DecimalField(
        _("approved (£)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["category", "spent"])]
        constraints = [
            models.CheckConstraint(
                name="expense_line_within_limits",
                condition=models.Q(miles__lte=LINE_LIMITS["miles"])
                & models.Q(passengers__lte=LINE_LIMITS["passengers"])
                & models.Q(hours__gte=0, hours__lte=LINE_LIMITS["hours"])
                & models.Q(spent__gte=0, spent__lte=LINE_LIMITS["spent"]),
            ),
            *(
                within(
                    field,
                    0,
                    MOST_POUNDS,
                    name=f"expense_line_{field}_in_range",
                    message=_("Amounts must be between £0 and £999,999.99."),
                )
                for field in ("amount", "sent_amount", "approved_amount")
            ),
            date_window("added_at", time=True),
        ]
        verbose_name = _("expense line")

    def __str__(self):
        return f"{self.category}: {format_money(self.amount)}"

    @property
    def price_changed(self) -> bool:
        """The ledger re-priced this line after its claim was sent (earlier
        miles in the tax year changed): shown to the approver and the claimant."""
        return self.sent_amount is not None and self.sent_amount != self.amount

    @classmethod
    def check_limits(cls, **values) -> None:
        """Refuse (a ValidationError by field) what one line cannot hold."""
        typed = [field.name for field in cls._meta.fields if field.name not in values]
        cls(**values).clean_fields(exclude=typed)


class PreApproval(models.Model):
    """A resident asks before spending (equipment, or a taxi): what, why and roughly
    how much. Staff other than the resident approve or refuse it; a claim line for
    that kind of cost then points at it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Every change of status goes through portal.core.transitions.transition().
    lifecycle = Lifecycle(
        field="status",
        moves={
            "approve": Move(
                sources={Status.PENDING},
                target=Status.APPROVED,
                action="expense pre-approval approved",
                permission="expenses.decide_preapproval",
                stamps=("decided_at",),
            ),
            "refuse": Move(
                sources={Status.PENDING},
                target=Status.REFUSED,
                action="expense pre-approval refused",
                permission="expenses.decide_preapproval",
                reason_required=_("Give the reason for refusing."),
                stamps=("decided_at",),
            ),
            # The claimant, while it waits; dated like a decision, as a
            # withdrawn claim is.
            "withdraw": Move(
                sources={Status.PENDING},
                target=Status.WITHDRAWN,
                action="expense pre-approval withdrawn",
                stamps=("decided_at",),
            ),
        },
    )

    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="expense_pre_approvals",
    )
    kind = models.CharField(
        _("type of cost"), max_length=20, choices=ExpenseCategory.Kind.choices
    )
    description = models.CharField(_("what you want to buy or pay for"), max_length=200)
    reason = models.TextField(_("why you need it"))
    estimated_cost = models.DecimalField(
        _("roughly how much (£)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
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
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    # 0 while it waits for staff, then 1: the staff queue lists it first.
    waiting_first = waiting_first_field(Status.PENDING)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["claimant", "status"]),
            queue_index(name="preapproval_queue_order"),
        ]
        permissions = [
            ("decide_preapproval", _("Can approve or refuse expense pre-approvals")),
        ]
        constraints = [
            within(
                "estimated_cost",
                Decimal("0.01"),
                MOST_POUNDS,
                name="preapproval_cost_in_range",
                message=_("The cost must be between £0.01 and £999,999.99."),
            ),
            date_window("decided_at", time=True),
            date_window("created_at", time=True),
        ]
        verbose_name = _("expense pre-approval")
        verbose_name_plural = _("expense pre-approvals")

    def __str__(self):
        return f"{self.reference}: {self.description}"

    @property
    def reference(self) -> str:
        return f"PRE{self.pk:06d}" if self.pk else "PRE-NEW"
