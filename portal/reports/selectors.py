"""The report itself: every registered measure for a period and scope, with its
target for the period's financial year and a red, amber or green rating."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import MeasureTarget
from .periods import Period
from .registry import SECTIONS, Figure, Measure, measures
from .scopes import Scope

GREEN, AMBER, RED = "green", "amber", "red"


def rating(
    value, *, target: Decimal, amber_within: Decimal, higher_is_better: bool
) -> str | None:
    """Green when the target is met, amber when short by no more than
    `amber_within`, red otherwise; nothing when there is no figure."""
    if value is None:
        return None
    value = Decimal(value)
    gap = target - value if higher_is_better else value - target
    if gap <= 0:
        return GREEN
    return AMBER if gap <= amber_within else RED


RATING_LABELS = {
    GREEN: lambda: _("Target met"),
    AMBER: lambda: _("Close to target"),
    RED: lambda: _("Target missed"),
}


@dataclass
class Row:
    measure: Measure
    figure: Figure
    target: MeasureTarget | None
    rating: str | None

    @property
    def rating_label(self) -> str:
        return RATING_LABELS[self.rating]() if self.rating else ""


def performance(period: Period, scope: Scope) -> list[tuple[str, list[Row]]]:
    """Each section with its rows, in the registry's order. One query for the
    targets plus each measure's own fixed number."""
    targets = {t.measure: t for t in MeasureTarget.objects.filter(year=period.year)}
    sections: dict[str, list[Row]] = {}
    for measure in measures():
        figure = measure.figure(period, scope)
        target = targets.get(measure.key)
        rag = (
            rating(
                figure.value,
                target=target.target,
                amber_within=target.amber_within,
                higher_is_better=measure.higher_is_better,
            )
            if target
            else None
        )
        sections.setdefault(measure.section, []).append(
            Row(measure, figure, target, rag)
        )
    return [(str(SECTIONS[key]), sections[key]) for key in SECTIONS if key in sections]
