"""Money out: bank details (checked before use), payments owed for grants and
expenses, and the runs that send them to the bank as one file."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window, within
from portal.core.money import format_money
from portal.core.transitions import Lifecycle, Move


class BankDetails(models.Model):
    """Where a person or a group is paid. A change is a new record that staff
    verify; payments then wait a cooling-off period, against fraud."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being checked")
        VERIFIED = "verified", _("Checked")
        REJECTED = "rejected", _("Not accepted")
        REPLACED = "replaced", _("Replaced")

    # Every change of status goes through portal.core.transitions.transition().
    lifecycle = Lifecycle(
        field="status",
        moves={
            "verify": Move(
                sources={Status.PENDING},
                target=Status.VERIFIED,
                action="bank_details.verified",
                permission="payments.verify_bankdetails",
            ),
            "reject": Move(
                sources={Status.PENDING},
                target=Status.REJECTED,
                action="bank_details.rejected",
                permission="payments.verify_bankdetails",
                reason_required=_("Say why the bank details are not accepted."),
            ),
            # New details given: the ones before stop being used.
            "replace": Move(
                sources={Status.PENDING, Status.VERIFIED, Status.REJECTED},
                target=Status.REPLACED,
                action="bank_details.replaced",
            ),
        },
        illegal_message=_(
            "These bank details are %(state)s, so that cannot be done now."
        ),
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bank_details",
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bank_details",
    )
    account_name = models.CharField(_("name on the account"), max_length=70)
    sort_code = models.CharField(
        _("sort code"),
        max_length=6,
        validators=[RegexValidator(r"^[0-9]{6}\Z", _("Enter a 6-digit sort code."))],
    )
    account_number = models.CharField(
        _("account number"),
        max_length=8,
        validators=[
            RegexValidator(r"^[0-9]{8}\Z", _("Enter an 8-digit account number."))
        ],
    )
    roll_number = models.CharField(
        _("building society roll number"), max_length=18, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    payments_held_until = models.DateField(
        _("payments held until"), null=True, blank=True
    )
    decision_reason = models.TextField(_("why not accepted"), blank=True)

    class Meta:
        verbose_name = _("bank details")
        verbose_name_plural = _("bank details")
        permissions = [("verify_bankdetails", "Can verify bank details")]
        # The checking queue: by status, newest first (issue 19).
        indexes = [
            models.Index(
                fields=["status", "-submitted_at"], name="bankdetails_queue_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, group__isnull=True)
                | Q(user__isnull=True, group__isnull=False),
                name="bank_details_one_owner",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=~Q(status="replaced") & Q(user__isnull=False),
                name="one_current_bank_details_per_user",
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=~Q(status="replaced") & Q(group__isnull=False),
                name="one_current_bank_details_per_group",
            ),
            date_window("submitted_at", time=True),
            date_window("decided_at", time=True),
            date_window("payments_held_until"),
        ]

    def __str__(self) -> str:
        return f"{self.account_name} ****{self.last_four}"

    @property
    def last_four(self) -> str:
        return self.account_number[-4:]


class PaymentRun(models.Model):
    """A batch sent to the bank as one file. Locked when made: its payments can
    only be marked paid or failed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the bank")
        CLOSED = "closed", _("Every payment settled")

    # Closed through portal.core.transitions.transition() once the last of its
    # payments is marked paid or failed, by whoever marked it.
    lifecycle = Lifecycle(
        field="status",
        moves={
            "close": Move(
                sources={Status.OPEN},
                target=Status.CLOSED,
                action="payment_run.closed",
                permission="payments.make_payment_run",
            ),
        },
        illegal_message=_("This payment run is %(state)s, so that cannot be done now."),
    )

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2, default=0)
    count = models.PositiveIntegerField(_("payments"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("payment run")
        ordering = ["-created_at"]
        permissions = [("make_payment_run", "Can make a payment run")]
        constraints = [
            within(
                "total",
                0,
                name="payment_run_total_not_negative",
                message=_("A payment run’s total cannot be negative."),
            ),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return self.reference


class Payment(models.Model):
    class Method(models.TextChoices):
        BANK = "bank", _("Bank transfer")
        CASH_OFFICE = "cash_office", _("Cash office")
        VOUCHER = "voucher", _("Voucher")
        CHEQUE = "cheque", _("Cheque")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        IN_RUN = "in_run", _("Sent to the bank")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    # Every change of status goes through portal.core.transitions.transition().
    lifecycle = Lifecycle(
        field="status",
        moves={
            "send": Move(
                sources={Status.DUE},
                target=Status.IN_RUN,
                action="payment.sent",
                permission="payments.make_payment_run",
            ),
            "pay": Move(
                sources={Status.IN_RUN},
                target=Status.PAID,
                action="payment.paid",
                permission="payments.make_payment_run",
            ),
            "fail": Move(
                sources={Status.IN_RUN},
                target=Status.FAILED,
                action="payment.failed",
                permission="payments.make_payment_run",
                reason_required=_("Say why the payment failed."),
            ),
            "pay_other_way": Move(
                sources={Status.DUE},
                target=Status.PAID,
                action="payment.paid_other_way",
                permission="payments.make_payment_run",
            ),
            "cancel": Move(
                sources={Status.DUE},
                target=Status.CANCELLED,
                action="payment.cancelled",
                reason_required=_("Say why the payment is cancelled."),
            ),
        },
        illegal_message=_("This payment is %(state)s, so that cannot be done now."),
    )

    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    source_id = models.CharField(max_length=40)
    source = GenericForeignKey("source_type", "source_id")
    payee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    payee_group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    payee_name = models.CharField(_("paid to"), max_length=150)
    amount = models.DecimalField(
        _("amount"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0.01)],
    )
    reference = models.CharField(_("reference"), max_length=18)
    method = models.CharField(
        _("how it is paid"), max_length=12, choices=Method.choices, default=Method.BANK
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE
    )
    run = models.ForeignKey(
        PaymentRun,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    failure_reason = models.TextField(_("why it failed"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="payment_created_idx"),
            models.Index(fields=["status", "method"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            date_window("paid_at", time=True),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{format_money(self.amount)} to {self.payee_name} ({self.reference})"
