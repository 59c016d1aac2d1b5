"""Expenses policy as data: versions with an `effective_from` date, each with
its categories (rates, bands and caps). The version in force on the activity date
applies."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

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

    panels = [
        FieldPanel("name"),
        FieldPanel("effective_from"),
        FieldPanel("claim_deadline_months"),
        FieldPanel("receipt_required_above"),
        FieldPanel("notes"),
        InlinePanel("categories", heading=_("Categories, rates and caps")),
    ]

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("expenses policy")
        verbose_name_plural = _("expenses policies")

    def __str__(self):
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"


class ExpenseCategory(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", _("Mileage by car or motorbike")
        CYCLING = "cycling", _("Mileage by bicycle")
        CARE = "care", _("Childcare or care for a dependant")
        TAXI = "taxi", _("Taxi")
        MEAL = "meal", _("Meal")
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
    needs_reason = models.BooleanField(
        _("needs a reason or pre-approval"), default=False
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("rate"),
        FieldPanel("band_miles"),
        FieldPanel("rate_after_band"),
        FieldPanel("passenger_rate"),
        FieldPanel("cap"),
        FieldPanel("needs_reason"),
    ]

    class Meta:
        ordering = ["policy", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind"], name="expenses_one_category_per_kind"
            )
        ]
        verbose_name = _("expense category")
        verbose_name_plural = _("expense categories")

    def __str__(self):
        return self.name
