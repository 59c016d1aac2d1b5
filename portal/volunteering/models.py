"""Volunteer hours a resident logs (confirmed by staff), the thank-you scheme
(policy data) and the vouchers issued under it.

Hours from meetings attended are not stored here: they are read from attendance
(`portal.participation.involvement`), so nothing is copied. Only hours that no
other record knows about are logged here.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import MOST_POUNDS, date_window, within
from portal.core.queues import queue_index, waiting_first_field
from portal.core.transitions import Lifecycle, Move

MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("24")


class LoggedHours(models.Model):
    """Time a resident gave that no other record shows (leafleting, a litter
    pick, helping at a fun day), confirmed or refused by staff."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Not confirmed")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="logged_hours",
    )
    done_on = models.DateField(_("date"))
    activity = models.CharField(_("activity"), max_length=120)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
    )
    description = models.TextField(_("what you did"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
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
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    # 0 while it waits for staff, then 1: the staff queue lists it first.
    waiting_first = waiting_first_field(Status.WAITING)

    lifecycle = Lifecycle(
        field="status",
        moves={
            "confirm": Move(
                sources={Status.WAITING},
                target=Status.CONFIRMED,
                action="volunteering.hours_confirmed",
                permission="volunteering.confirm_loggedhours",
            ),
            "refuse": Move(
                sources={Status.WAITING},
                target=Status.REFUSED,
                action="volunteering.hours_refused",
                permission="volunteering.confirm_loggedhours",
                reason_required=_("Say why these hours are not confirmed."),
            ),
        },
        illegal_message=_("These hours are already %(state)s."),
    )

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        ordering = ["-done_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=MIN_HOURS, hours__lte=MAX_HOURS),
                name="logged_hours_in_range",
            ),
            date_window("done_on"),
            date_window("decided_at", time=True),
            date_window("created_at", time=True),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            queue_index(name="loggedhours_queue_order"),
        ]
        permissions = [
            ("confirm_loggedhours", "Can confirm or refuse volunteer hours"),
            ("view_involvement_record", "Can see a person's involvement record"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} ({self.done_on:%-d %B %Y})"


class ThankYouRule(models.Model):
    """One step of the thank-you scheme: a voucher worth `amount` once a person
    has given `hours_needed` hours in a financial year (once each a year)."""

    name = models.CharField(_("name"), max_length=80)
    hours_needed = models.DecimalField(
        _("hours needed in a financial year"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURS)],
    )
    amount = models.DecimalField(
        _("voucher value (£)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("thank-you rule")
        ordering = ["hours_needed", "pk"]
        constraints = [
            within(
                "hours_needed",
                MIN_HOURS,
                name="thank_you_hours_needed_in_range",
                message=_("Hours must be at least 0.25."),
            ),
            within(
                "amount",
                Decimal("0.01"),
                MOST_POUNDS,
                name="thank_you_amount_in_range",
                message=_("The amount must be between £0.01 and £999,999.99."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Voucher(models.Model):
    """A thank-you voucher given to a person under a rule for a financial year:
    never twice (one per person, rule and year)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="thank_you_vouchers",
    )
    rule = models.ForeignKey(
        ThankYouRule,
        verbose_name=_("thank-you rule"),
        on_delete=models.PROTECT,
        related_name="vouchers",
    )
    year = models.PositiveSmallIntegerField(_("financial year (starting April)"))
    amount = models.DecimalField(_("value (£)"), max_digits=8, decimal_places=2)
    hours_at_issue = models.DecimalField(
        _("hours when issued"), max_digits=7, decimal_places=2
    )
    reference = models.CharField(_("voucher reference"), max_length=60)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("thank-you voucher")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "rule", "year"], name="one_voucher_per_rule_a_year"
            ),
            models.UniqueConstraint(
                fields=["reference"], name="voucher_reference_once"
            ),
            within(
                "amount",
                0,
                MOST_POUNDS,
                name="voucher_amount_in_range",
                message=_("Amounts must be between £0 and £999,999.99."),
            ),
            within(
                "hours_at_issue",
                0,
                name="voucher_hours_not_negative",
                message=_("Hours cannot be negative."),
            ),
            date_window("issued_at", time=True),
        ]
        permissions = [("issue_voucher", "Can issue thank-you vouchers")]

    def __str__(self) -> str:
        return f"{self.rule} {self.year}: {self.reference}"
