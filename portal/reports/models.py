"""Targets for the involvement measures, one per measure and financial year, and
the mapping from the regulator's standard to the measures that evidence it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
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


def validate_measure_keys(keys) -> None:
    """Every key names a measure in the registry (the performance report)."""
    known = {key for key, _label in measure_choices()}
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ValidationError(_("Choose measures from the list."))
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError(
            _("“%(keys)s” is not a measure in the performance report."),
            params={"keys": "”, “".join(unknown)},
            code="unknown_measure",
        )


class EvidenceClause(models.Model):
    """One clause of the Regulator of Social Housing's Transparency, Influence and
    Accountability Standard (a required outcome such as 1.3, or a specific
    expectation such as 2.2) and the measures whose figures and records evidence
    it. Kept as data so staff can change the mapping; a default ships with the
    app (`evidence.DEFAULT_CLAUSES`)."""

    code = models.CharField(_("clause"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(
        _("summary"),
        help_text=_(
            "What the clause asks of the landlord, in a sentence or two. A summary, "
            "not the standard's own wording."
        ),
    )
    measures = models.JSONField(
        _("measures"),
        default=list,
        validators=[validate_measure_keys],
        help_text=_("The measures whose figures and records evidence this clause."),
    )
    note = models.TextField(
        _("how the figures evidence it"),
        blank=True,
        help_text=_("Optional: what an auditor should read these figures as."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regulator evidence clause")
        verbose_name_plural = _("regulator evidence clauses")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
