"""Estate inspections' measure for the performance report (`portal.reports`):
the average score, weighted over every area scored, from
`selectors.scores_by_estate_and_month`."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    INFLUENCE,
    SCORE,
    Bar,
    Figure,
    register_measure,
)

from .selectors import scores_by_estate_and_month


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
        url=reverse("estate_inspections:estates"),
    )
