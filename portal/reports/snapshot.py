"""Frozen copies of the performance figures, for reports that must not change.

A Board report or the residents' annual report is published once and read for
years: later corrections to the records must not move its numbers. `take_snapshot`
runs the same `selectors.performance` the performance screen runs and writes every
figure, target and rating, with each measure's words, into plain JSON (British
English, the site's own language; translations are looked up again when shown).
`snapshot_sections` turns it back into rows shaped like the live ones, so both
screens share one template (`reports/_measure.html`) and a report page never
queries the records.

Publishing is done by a content app, not here (this app imports no feature app):
it registers a `ReportMaker` with the `register_performance_report_maker` hook,
and the performance screen offers "Create a report from these figures" only when
one is registered.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail import hooks

from .periods import Period
from .registry import Bar, Figure
from .scopes import Scope
from .selectors import RATING_LABELS, performance

VERSION = 1
MAKER_HOOK = "register_performance_report_maker"


def _text(value) -> str:
    return "" if value is None else str(value)


def _number(value) -> str | None:
    return None if value is None else str(value)


def take_snapshot(period: Period, scope: Scope, *, made_by) -> dict:
    """Every measure for the period and place as it stands now: the figure, the
    count behind it, the chart's bars, the target and rating, the definition."""
    with translation.override(settings.LANGUAGE_CODE):
        sections = performance(period, scope)
        return {
            "version": VERSION,
            "made_at": timezone.now().isoformat(),
            "made_by": made_by.pk if made_by is not None else None,
            "period": {
                "first": period.first.isoformat(),
                "last": period.last.isoformat(),
                "label": str(period.label),
            },
            "scope": {
                "area_id": scope.area_id,
                "estate_id": scope.estate_id,
                "body_id": scope.body_id,
                "label": str(scope.label),
            },
            "sections": [
                {"title": str(title), "rows": [_frozen_row(row) for row in rows]}
                for title, rows in sections
            ],
        }


def _frozen_row(row) -> dict:
    measure, figure, target = row.measure, row.figure, row.target
    return {
        "key": measure.key,
        "label": _text(measure.label),
        "definition": _text(measure.definition),
        "unit": measure.unit,
        "chart_unit": measure.chart_unit,
        "higher_is_better": measure.higher_is_better,
        "value": _number(figure.value),
        "count": _number(figure.count),
        "of": _number(figure.of),
        "note": _text(figure.note),
        "bars": [
            {"label": _text(bar.label), "value": _number(bar.value)}
            for bar in figure.bars
        ],
        "target": _number(target.target) if target else None,
        "amber_within": _number(target.amber_within) if target else None,
        "rating": row.rating,
    }


def snapshot_period(snapshot: dict) -> Period:
    """The period a snapshot was taken for (to take it again)."""
    data = snapshot["period"]
    return Period(
        datetime.date.fromisoformat(data["first"]),
        datetime.date.fromisoformat(data["last"]),
        data["label"],
    )


def snapshot_scope(snapshot: dict) -> Scope:
    data = snapshot["scope"]
    return Scope(
        area_id=data["area_id"],
        estate_id=data["estate_id"],
        body_id=data.get("body_id"),  # snapshots before bodies have none
        label=data["label"],
    )


def snapshot_made_at(snapshot: dict) -> datetime.datetime | None:
    made_at = snapshot.get("made_at")
    return datetime.datetime.fromisoformat(made_at) if made_at else None


# --- reading a snapshot back ------------------------------------------------


def _read_number(value: str | None) -> Decimal | int | None:
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if "." not in value and "E" not in value.upper() else number


@dataclass(frozen=True)
class FrozenMeasure:
    key: str
    label: str
    definition: str
    unit: str
    chart_unit: str


@dataclass(frozen=True)
class FrozenTarget:
    target: Decimal
    amber_within: Decimal


@dataclass
class FrozenRow:
    """A row of a snapshot, with the attributes of `selectors.Row`."""

    measure: FrozenMeasure
    figure: Figure
    target: FrozenTarget | None
    rating: str | None

    @property
    def rating_label(self) -> str:
        return RATING_LABELS[self.rating]() if self.rating else ""


def _row(data: dict) -> FrozenRow:
    # The words were frozen in English; gettext finds today's translation of the
    # same words, and leaves them as they were when there is none.
    measure = FrozenMeasure(
        key=data["key"],
        label=gettext(data["label"]),
        definition=gettext(data["definition"]),
        unit=data["unit"],
        chart_unit=data["chart_unit"],
    )
    figure = Figure(
        value=_read_number(data["value"]),
        count=_read_number(data["count"]),
        of=_read_number(data["of"]),
        note=gettext(data["note"]) if data["note"] else "",
        bars=[
            Bar(
                gettext(bar["label"]) if bar["label"] else "",
                _read_number(bar["value"]),
            )
            for bar in data["bars"]
        ],
    )
    target = (
        FrozenTarget(Decimal(data["target"]), Decimal(data["amber_within"]))
        if data["target"] is not None
        else None
    )
    return FrozenRow(measure, figure, target, data["rating"])


def snapshot_sections(snapshot: dict) -> list[tuple[str, list[FrozenRow]]]:
    """The snapshot's sections and rows, shaped like `selectors.performance`."""
    return [
        (gettext(section["title"]), [_row(row) for row in section["rows"]])
        for section in snapshot.get("sections", [])
    ]


# --- who turns a snapshot into a report ---------------------------------------


@dataclass(frozen=True)
class ReportMaker:
    """Registered by the content app that publishes reports.

    `audiences()` gives the (value, label) choices; `make(snapshot=, audience=,
    title=, user=)` creates the draft and returns the address to go to next, or
    raises `ReportRefused` with a message for the person."""

    audiences: callable
    make: callable


class ReportRefused(Exception):
    pass


def report_maker() -> ReportMaker | None:
    makers = [fn() for fn in hooks.get_hooks(MAKER_HOOK)]
    return makers[-1] if makers else None
