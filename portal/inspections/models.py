"""Estate inspections: resident inspectors walk an estate on a schedule, score each
part of it against a checklist kept as data, and every problem they find becomes an
action in the register (`portal.actions`), so residents see what was done."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window, within
from portal.core.transitions import Lifecycle, Move

MAX_SCORE = 5
# The page-cache tag of the opportunity pages that list the schedules.
SCHEDULES_TAG = "inspection-schedules"


class ChecklistArea(models.Model):
    """One part of an estate inspectors score (cleaning, bins, lighting…)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    guidance = models.TextField(
        _("what to look for"), blank=True, help_text=_("Shown to inspectors.")
    )
    team = models.CharField(_("team that fixes problems"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("checklist area")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class EstateSchedule(models.Model):
    """How often an estate is inspected, and where inspectors sign up."""

    estate = models.OneToOneField(
        "housing.Estate",
        verbose_name=_("estate"),
        on_delete=models.CASCADE,
        related_name="inspection_schedule",
    )
    every_months = models.PositiveSmallIntegerField(
        _("inspected every (months)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    opportunity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("involvement opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The menu of involvement page where residents read about it."),
    )
    inspection_hours = models.DecimalField(
        _("hours an inspection counts for"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(12)],
        help_text=_(
            "How long a walk round this estate takes. The lead inspector's "
            "involvement record counts these hours for each inspection sent, "
            "towards thank-you vouchers. Leave empty to count none."
        ),
    )

    class Meta:
        verbose_name = _("inspection schedule")
        constraints = [
            within(
                "every_months",
                1,
                12,
                name="inspection_every_1_to_12_months",
                message=_("Choose every 1 to 12 months."),
            ),
            within(
                "inspection_hours",
                Decimal("0.25"),
                12,
                name="inspection_hours_in_range",
                message=_("Hours must be between 0.25 and 12."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.estate)


class Inspector(models.Model):
    """A resident who signed up to inspect their estate."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inspector_roles",
    )
    estate = models.ForeignKey(
        "housing.Estate", on_delete=models.CASCADE, related_name="inspectors"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("resident inspector")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "estate"], name="inspector_once_per_estate"
            ),
            date_window("joined_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.person} inspects {self.estate}"


class Inspection(models.Model):
    """One walk round an estate: a draft saved step by step, then sent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Sent")

    # Scored step by step while a draft, then sent once (`portal.core.transitions`).
    lifecycle = Lifecycle(
        field="status",
        moves={
            "submit": Move(
                sources={Status.DRAFT},
                target=Status.SUBMITTED,
                action="inspection.submit",
            ),
        },
        edits={"score": {Status.DRAFT}},
        illegal_message=_("This inspection has been sent and cannot change."),
    )

    estate = models.ForeignKey(
        "housing.Estate",
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    held_on = models.DateField(_("date"))
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inspection")
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "held_on"], name="one_inspection_a_day"
            ),
            date_window("held_on"),
            date_window("submitted_at", time=True),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.estate} {self.held_on:%-d %B %Y}"


class InspectionScore(models.Model):
    """The score for one checklist area, with a note, a photo and, for a problem,
    the action it became."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="scores"
    )
    area = models.ForeignKey(ChecklistArea, on_delete=models.PROTECT, related_name="+")
    area_name = models.CharField(max_length=80)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SCORE)],
    )
    note = models.TextField(_("what you saw"), blank=True)
    problem = models.BooleanField(_("needs putting right"), default=False)
    photo = models.ForeignKey(
        "portal_core.PrivateFile",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.OneToOneField(
        "actions.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_score",
    )

    class Meta:
        verbose_name = _("inspection score")
        ordering = ["area__sort_order", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "area"], name="one_score_per_area"
            ),
            within(
                "score",
                1,
                MAX_SCORE,
                name="inspection_score_from_1_to_5",
                message=_("Choose a score from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_name}: {self.score}"
