"""The measure registry: how feature apps put their figures in the involvement
performance report.

Each app registers measures from its own `reports.py` (found at start-up by
`ReportsConfig.ready`), so this app imports no feature app:

    from portal.reports.registry import Figure, register_measure

    @register_measure(
        key="meetings_notice",
        section=MEETINGS,
        label=_("Meetings with due notice"),
        definition=_("Of the meetings held, how many were published ..."),
        unit=PERCENT,
        order=20,
    )
    def notice_met(period, scope) -> Figure:
        ...

A measure takes a `Period` and a `Scope` and returns a `Figure`: the value, the
count behind it ("45 of 48"), bars for the chart (with the same numbers in the
table beside it) and a link to the records where a listing exists. It keeps its
own queries flat: a fixed number whatever the number of records.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .periods import Period
from .scopes import NotRecorded, Scope

COUNT, PERCENT, DAYS, MONEY, SCORE, AVERAGE = (
    "count",
    "percent",
    "days",
    "money",
    "score",
    "average",
)

MEETINGS = "meetings"
CONSULTATIONS = "consultations"
GROUPS = "groups"
MONEY_SECTION = "money"
PEOPLE = "people"
INFLUENCE = "influence"
SECTIONS = {
    MEETINGS: _("Meetings"),
    CONSULTATIONS: _("Consultations and information"),
    GROUPS: _("Groups"),
    MONEY_SECTION: _("Grants and expenses"),
    PEOPLE: _("People taking part"),
    INFLUENCE: _("What changed: actions, scrutiny and estate inspections"),
}


@dataclass
class Bar:
    label: str
    value: Decimal | int
    url: str = ""


@dataclass
class Figure:
    value: Decimal | int | None
    count: int | None = None  # "45" of ...
    of: int | None = None  # ... "48"
    bars: list[Bar] = field(default_factory=list)
    url: str = ""  # the records behind the figure (set by `Measure.figure`)
    note: str = ""
    listing: str = ""  # the feature's own staff listing, where there is one


@dataclass(frozen=True)
class Measure:
    key: str
    section: str
    label: str
    definition: str
    unit: str
    compute: Callable[[Period, Scope], Figure]
    higher_is_better: bool = True
    order: int = 100
    bar_unit: str = ""  # what the bars count, when not the figure's own unit
    by_body: bool = False  # its records belong to a body (Board, Panel...)

    @property
    def chart_unit(self) -> str:
        return self.bar_unit or self.unit

    def figure(self, period: Period, scope: Scope) -> Figure:
        if scope.body_id and not self.by_body:
            return Figure(value=None, note=scope.not_recorded_note())
        try:
            figure = self.compute(period, scope)
        except NotRecorded:
            return Figure(value=None, note=scope.not_recorded_note())
        if self.key in _records:
            figure.url = records_url(self.key, period, scope)
        return figure


_measures: dict[str, Measure] = {}


def register_measure(**options) -> Callable:
    """Register `compute` as a measure (use as a decorator). Registering the same
    function again (e.g. `ready()` run twice) replaces it; a key taken by a
    different function is an error."""

    def decorator(compute):
        key = options["key"]
        name = f"{compute.__module__}.{compute.__qualname__}"
        existing = _measures.get(key)
        if existing is not None:
            existing_name = (
                f"{existing.compute.__module__}.{existing.compute.__qualname__}"
            )
            if existing_name != name:
                raise ValueError(f"The measure {key!r} is registered twice.")
        _measures[key] = Measure(compute=compute, **options)
        return compute

    return decorator


_records: dict[str, Callable[[Period, Scope], Iterable[Sequence]]] = {}


def register_records(key: str) -> Callable:
    """Register the records behind measure `key` (use as a decorator on a
    function of `period, scope` giving rows, the heading row first), so the
    evidence pack can hand an auditor the rows each figure was counted from."""

    def decorator(rows):
        _records[key] = rows
        return rows

    return decorator


def records_url(key: str, period: Period, scope: Scope) -> str:
    """The records page of measure `key` for this period and place."""
    query = {
        "period": "custom",
        "first": period.first.isoformat(),
        "last": period.last.isoformat(),
    }
    if scope.estate_id:
        query["estate"] = scope.estate_id
    elif scope.area_id:
        query["area"] = scope.area_id
    if scope.body_id:
        query["body"] = scope.body_id
    return reverse("measure_records", args=[key]) + "?" + urlencode(query)


def has_records(key: str) -> bool:
    return key in _records


def record_rows(measure: Measure, period: Period, scope: Scope) -> list | None:
    """The rows behind a measure's figure, or `None` when it registered none or
    its records cannot be placed at this scope."""
    rows = _records.get(measure.key)
    if rows is None or (scope.body_id and not measure.by_body):
        return None
    try:
        return list(rows(period, scope))
    except NotRecorded:
        return None


def measures() -> list[Measure]:
    section_order = list(SECTIONS)
    return sorted(
        _measures.values(),
        key=lambda m: (section_order.index(m.section), m.order, m.key),
    )


def get_measure(key: str) -> Measure | None:
    return _measures.get(key)


def measure_choices() -> list[tuple[str, str]]:
    return [(m.key, m.label) for m in measures()]


def yes_no(flag) -> str:
    """A records cell for a yes-or-no fact."""
    return str(_("Yes") if flag else _("No"))


def day_cell(value) -> str:
    """A records cell for a date or a moment, as its London date (ISO)."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return value.isoformat()


def percent(count: int, of: int) -> Decimal | None:
    if not of:
        return None
    return (Decimal(100) * count / of).quantize(Decimal("0.1"))


def ratio_figure(count: int, of: int, **extra) -> Figure:
    return Figure(value=percent(count, of), count=count, of=of, **extra)


ONLINE, PAPER, PHONE, IN_PERSON = "online", "paper", "phone", "in_person"
CHANNELS = {
    ONLINE: _("Online"),
    PAPER: _("On paper"),
    PHONE: _("By phone"),
    IN_PERSON: _("In person"),
}


@dataclass(frozen=True)
class ParticipationSource:
    """A kind of record that shows a resident taking part (attending a meeting,
    answering a consultation...): `queryset()` gives the records, `person` and
    `moment` are lookups on them, `estate` the lookup for where the person lived
    (or `None` when the records cannot say)."""

    key: str
    label: str
    queryset: Callable
    person: str
    moment: str
    estate: str | None = None
    # How the person took part: `channel` is a lookup giving one of CHANNELS'
    # codes per record; without it every record is `fixed_channel`.
    channel: str | None = None
    fixed_channel: str = ""


_sources: dict[str, ParticipationSource] = {}


def register_participation_source(source: ParticipationSource) -> None:
    _sources[source.key] = source


_bodies: list[Callable[[], Iterable[tuple[int, str]]]] = []


def register_bodies(choices: Callable[[], Iterable[tuple[int, str]]]) -> None:
    """Register where the bodies (Board, Panel...) a scope may name come from:
    a function giving (id, name) pairs, so this app imports no feature app."""
    if choices not in _bodies:
        _bodies.append(choices)


def body_choices() -> list[tuple[int, str]]:
    return [pair for choices in _bodies for pair in choices()]


def participation_sources() -> list[ParticipationSource]:
    return [_sources[key] for key in sorted(_sources)]
