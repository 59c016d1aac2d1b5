"""Estate inspections' measure for the performance report (`portal.reports`):
the average score, weighted over every area scored, from
`selectors.scores_by_estate_and_month`."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    INFLUENCE,
    SCORE,
    Bar,
    Figure,
    day_cell,
    register_measure,
    register_records,
)

from .models import Inspection
from .selectors import scores_by_estate_and_month


@register_records("inspection_score")
def inspection_score_records(period, scope):
    """Each inspection held and sent in the period with at least one area
    scored, with its own average (the figure weights every area scored)."""
    inspections = Inspection.objects.filter(
        status=Inspection.Status.SUBMITTED,
        held_on__gte=period.first,
        held_on__lte=period.last,
    )
    if scope.estate_id:
        inspections = inspections.filter(estate=scope.estate_id)
    elif scope.area_id:
        inspections = inspections.filter(estate__area=scope.area_id)
    rows = (
        inspections.annotate(
            rows=Count("scores"),
            scored=Count("scores__score"),
            total=Sum("scores__score"),
        )
        .filter(rows__gt=0)
        .order_by("held_on", "pk")
        .values_list("estate__name", "held_on", "scored", "total")
    )
    yield [
        gettext("Estate"),
        gettext("Held on"),
        gettext("Areas scored"),
        gettext("Average score"),
    ]
    for estate, held_on, scored, total in rows:
        average = (Decimal(total) / scored).quantize(Decimal("0.01")) if scored else ""
        yield [estate, day_cell(held_on), scored, average]


def _average(rows) -> Decimal | None:
    scored = sum(row["scored"] for row in rows)
    if not scored:
        return None
    total = sum(row["total"] for row in rows)
    return (Decimal(total) / scored).quantize(Decimal("0.01"))


@register_measure(
    key="inspection_score",
    section=INFLUENCE,
    label=_("Average estate inspection score"),
    definition=_(
        "The average of every area score (1 poor to 5 very good) given in estate "
        "inspections held and sent in the period, and how many inspections that "
        "was. Bars: each estate's average (for one estate, each month's)."
    ),
    unit=SCORE,
    order=50,
)
def inspection_score(period, scope):
    rows = scores_by_estate_and_month(
        start=period.first,
        end=period.last,
        estate=scope.estate_id,
        area=None if scope.estate_id else scope.area_id,
    )
    groups: dict[str, list] = {}
    for row in rows:
        label = f"{row['month']:%b %Y}" if scope.estate_id else row["estate"]
        groups.setdefault(label, []).append(row)
    return Figure(
        value=_average(rows),
        count=sum(row["inspections"] for row in rows),  # "From 12 records"
        bars=[Bar(label, _average(found)) for label, found in groups.items()],
        listing=reverse("estate_inspections:estates"),
    )
