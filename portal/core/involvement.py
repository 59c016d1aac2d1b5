"""A person's involvement record, read from the records each app already keeps.

`portal.core` imports no feature app, so each app registers an *involvement
source* from its `AppConfig.ready()`:

    from portal.core.involvement import Item, register_source

    @register_source("meetings", order=10)
    def meetings_attended(user):
        ...  # one query; yields Item(...)

A source is a selector: it reads the app's own rows (attendance, responses,
offices...) and returns `Item`s; nothing is copied into another table, so the
record is always what the app's records say now. A source may also give
`hours(start, end)`, every person's known hours between two dates in one query
(`{user_id: Decimal}`), for lists of many people (vouchers due).

Each source also gives `summary(user)`: the same records as `values()`
querysets with the columns `summary_columns()` makes (date, title, what, hours
or the times hours are counted from). Core joins every source's summary with
one `UNION ALL`, so the dashboard card and a person's hours in a year
(`summary_for`) cost one query however many sources there are; the full
record page reads each source's `Item`s (one or two queries a source, whatever
the size of a person's history, so its count is flat too: pinned in the tests).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import CharField, DateTimeField, DecimalField, F, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUARTER = Decimal("0.25")


@dataclass(frozen=True)
class Item:
    """One thing a person took part in."""

    date: datetime.date
    kind: str
    title: str
    role: str = ""
    hours: Decimal | None = None  # None when the time taken is not known
    url: str = ""
    page: object = None  # a Wagtail page, linked with the request's site


@dataclass(frozen=True)
class Source:
    key: str
    items: Callable[..., Iterable[Item]]
    summary: Callable[..., Iterable]
    order: int = 100
    hours: Callable[[datetime.date, datetime.date], dict[int, Decimal]] | None = None
    title: Callable[[dict], str] | None = None


_SOURCES: dict[str, Source] = {}


def register_source(
    key: str,
    *,
    summary: Callable[..., Iterable],
    order: int = 100,
    hours: Callable[[datetime.date, datetime.date], dict[int, Decimal]] | None = None,
    title: Callable[[dict], str] | None = None,
):
    """Register a source of involvement items (use as a decorator). `summary`
    gives the same records as `values()` querysets of `summary_columns()`;
    `title` writes a summary row's title where the column alone is not it (a
    voucher's amount and rule). Registering the same key again (`ready()` run
    twice in tests) replaces it."""

    def decorator(items):
        _SOURCES[key] = Source(
            key=key, items=items, summary=summary, order=order, hours=hours, title=title
        )
        return items

    return decorator


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


SUMMARY_COLUMNS = (
    "item_date",
    "item_kind",
    "item_title",
    "item_began",
    "item_ended",
    "item_hours",
    "item_amount",
)


def summary_columns(
    *, date, kind, title, began=None, ended=None, hours=None, amount=None
) -> dict:
    """The columns of a source's summary rows, always in this order and type so
    every source's rows can be joined with UNION ALL. Strings name the source's
    own fields; `kind` is the label ("Meeting attended"), in the language of the
    request; `began` and `ended` are the times hours are counted from where the
    record has no `hours` of its own; `amount` is money given (a voucher)."""
    money = DecimalField(max_digits=8, decimal_places=2)

    def column(value, field=None):
        if value is None:
            return Cast(Value(None), output_field=field)
        return F(value) if isinstance(value, str) else value

    values = [
        column(date),
        Value(str(kind), output_field=CharField()),
        column(title),
        column(began, DateTimeField()),
        column(ended, DateTimeField()),
        column(hours, money),
        column(amount, money),
    ]
    return dict(zip(SUMMARY_COLUMNS, values, strict=True))


def summary_for(user) -> list[Item]:
    """Everything `user` took part in, newest first, from one UNION ALL of every
    source's summary: date, what, title and hours (no links or roles: for the
    dashboard card and hours totals; the record page reads `involvement_for`)."""
    querysets = [
        queryset.order_by().values(
            *SUMMARY_COLUMNS, item_source=Value(source.key, output_field=CharField())
        )
        for source in sources()
        for queryset in source.summary(user)
    ]
    first, *rest = querysets
    items = []
    for row in first.union(*rest, all=True):
        source = _SOURCES[row["item_source"]]
        items.append(
            Item(
                date=row["item_date"],
                kind=row["item_kind"],
                title=source.title(row) if source.title else row["item_title"],
                hours=row["item_hours"]
                if row["item_hours"] is not None
                else duration_hours(row["item_began"], row["item_ended"]),
            )
        )
    return sorted(items, key=lambda item: (item.date, item.title), reverse=True)


def duration_hours(start: datetime.datetime, end: datetime.datetime) -> Decimal | None:
    """Hours between two times, to the nearest quarter hour (None if unknown)."""
    if start is None or end is None or end <= start:
        return None
    seconds = Decimal((end - start).total_seconds())
    hours = seconds / Decimal(3600)
    return ((hours / QUARTER).quantize(Decimal(1), ROUND_HALF_UP) * QUARTER).quantize(
        Decimal("0.01")
    )


def hours_from_spans(rows) -> dict[int, Decimal]:
    """Each person's total hours from (person id, start, end) rows: the
    `hours=` of a source whose records have a start and an end."""
    totals: dict[int, Decimal] = {}
    for person_id, began, ended in rows:
        hours = duration_hours(began, ended)
        if hours:
            totals[person_id] = totals.get(person_id, Decimal("0")) + hours
    return totals


def hours_text(hours: Decimal) -> str:
    """2, 2.5, 0.25: hours without trailing zeros."""
    text = f"{hours:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def financial_year(day: datetime.date) -> int:
    """The April-to-March year `day` falls in, by its starting year."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the financial year starting in April `year`."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def financial_year_label(year: int) -> str:
    return str(_("April %(start)s to March %(end)s")) % {
        "start": year,
        "end": year + 1,
    }


def involvement_for(user) -> list[Item]:
    """Everything `user` took part in, newest first."""
    items: list[Item] = []
    for source in sources():
        items.extend(source.items(user))
    return sorted(items, key=lambda item: (item.date, item.title), reverse=True)


@dataclass
class Year:
    year: int
    items: list[Item] = field(default_factory=list)

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def hours(self) -> Decimal:
        return sum((item.hours for item in self.items if item.hours), Decimal("0"))


def by_year(items: Iterable[Item]) -> list[Year]:
    """Items grouped by financial year (April to March), newest year first,
    each with its totals (items and known hours)."""
    years: dict[int, Year] = {}
    for item in items:
        year = financial_year(item.date)
        years.setdefault(year, Year(year)).items.append(item)
    return [years[key] for key in sorted(years, reverse=True)]


def hours_by_person(year: int) -> dict[int, Decimal]:
    """Every person's known hours in the financial year starting April `year`,
    one query per source that knows hours."""
    start, end = financial_year_bounds(year)
    totals: dict[int, Decimal] = {}
    for source in sources():
        if source.hours is None:
            continue
        for user_id, hours in source.hours(start, end).items():
            totals[user_id] = totals.get(user_id, Decimal("0")) + hours
    return totals


def hours_in_year(user, year: int) -> Decimal:
    """One person's known hours in a financial year (from their record)."""
    start, end = financial_year_bounds(year)
    return sum(
        (
            item.hours
            for item in summary_for(user)
            if item.hours and start <= item.date <= end
        ),
        Decimal("0"),
    )


def csv_rows(items: Iterable[Item], *, link=lambda item: item.url):
    """The record as CSV rows (heading first), for the download."""
    yield [
        str(_("Date")),
        str(_("Financial year")),
        str(_("What")),
        str(_("Title")),
        str(_("Role")),
        str(_("Hours")),
        str(_("Link")),
    ]
    for item in items:
        yield [
            item.date.isoformat(),
            financial_year_label(financial_year(item.date)),
            str(item.kind),
            item.title,
            str(item.role),
            "" if item.hours is None else hours_text(item.hours),
            link(item),
        ]


def export_for(user) -> list[dict]:
    """The record for the personal-data download (JSON-ready)."""
    return [
        {
            "date": item.date.isoformat(),
            "what": str(item.kind),
            "title": item.title,
            "role": str(item.role),
            "hours": None if item.hours is None else hours_text(item.hours),
        }
        for item in involvement_for(user)
    ]


def linked(
    items: Iterable[Item], request, portal_links: bool = True
) -> list[tuple[Item, str]]:
    """Each item with its address (a page's in the request's site; the site
    root paths are read once per request). Staff reading someone else's record
    get no `portal_links`: those pages are the person's own (a group they run),
    so for staff they would be dead links."""
    return [
        (
            item,
            item.page.get_url(request=request)
            if item.page
            else item.url
            if portal_links
            else "",
        )
        for item in items
    ]


# ---------------------------------------------------------------- dashboard


def _card(request):
    from .dashboard import Card
    from .dates import london_today

    items = summary_for(request.user)
    years = by_year(items)
    this_year = financial_year(london_today())
    current = next((y for y in years if y.year == this_year), Year(this_year))
    return Card(
        key="my-involvement",
        title=str(_("My involvement")),
        template="portal_core/cards/involvement.html",
        context={"total": len(items), "current": current, "latest": items[:3]},
        actions=[],
        order=90,
    )


def register_card() -> None:
    from .dashboard import register_card as register

    register(order=90)(_card)
