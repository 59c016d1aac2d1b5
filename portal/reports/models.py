"""Targets for the involvement measures, one per measure and financial year."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .periods import year_label
from .registry import measure_choices


class MeasureTarget(models.Model):
    """What the landlord aims for on one measure in one financial year, e.g.
    "minutes within the deadline: 95 % in 2026/27". Within `amber_within` of the
    target a figure shows amber; further off, red."""

    measure = models.CharField(_("measure"), max_length=60, choices=measure_choices)
    year = models.PositiveIntegerField(
        _("financial year starting"),
        help_text=_(
            "The April the year starts in: 2026 means April 2026 to March 2027."
        ),
    )
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    amber_within = models.DecimalField(
        _("amber within"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(5),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "How far short of the target still shows amber rather than red, in the "
            "measure's own units (percentage points, days, pounds)."
        ),
    )

    class Meta:
        verbose_name = _("involvement target")
        verbose_name_plural = _("involvement targets")
        ordering = ["-year", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"], name="one_target_per_measure_a_year"
            )
        ]
        permissions = [
            ("report_measuretarget", "Can see the involvement performance report")
        ]

    def __str__(self) -> str:
        return f"{self.measure_label} {year_label(self.year)}: {self.target}"

    @property
    def measure_label(self) -> str:
        return str(dict(measure_choices()).get(self.measure, self.measure))
