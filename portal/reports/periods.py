"""Reporting periods in London dates: financial quarters and halves (April to
March), financial years, the year to date and any two dates.

A period is a first and a last day, both included; `start_at`/`end_at` are the
London midnights around them, so a meeting at 00:30 on 1 April in summer time is
in the new year whatever the server's clock says.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _

LONDON = ZoneInfo("Europe/London")
QUARTER_FIRST_MONTHS = (4, 7, 10, 1)


def financial_year(day: datetime.date) -> int:
    """The April-to-March year a day falls in, by its starting year."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date
    label: str

    @property
    def start_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.first, datetime.time(), tzinfo=LONDON)

    @property
    def end_at(self) -> datetime.datetime:
        """The first moment after the period (exclusive bound)."""
        day = self.last + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=LONDON)

    @property
    def year(self) -> int:
        """The financial year whose targets apply: the one the period ends in."""
        return financial_year(self.last)

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    def listing_query(self, field: str) -> str:
        """The query string that narrows a staff listing to this period, for a
        listing whose `list_filter` offers `field` with `gte` and `lt` (so each
        figure links to its own records, not to every record)."""
        after = self.last + datetime.timedelta(days=1)
        return urlencode(
            {f"{field}__gte": self.first.isoformat(), f"{field}__lt": after.isoformat()}
        )

    def months(self) -> list[datetime.date]:
        """The first day of each month the period touches."""
        months, day = [], self.first.replace(day=1)
        while day <= self.last:
            months.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return months


def _span(first: datetime.date, last: datetime.date) -> str:
    return _("%(first)s to %(last)s") % {
        "first": date_format(first, "j F Y"),
        "last": date_format(last, "j F Y"),
    }


def _month_end(year: int, month: int, months: int) -> datetime.date:
    month += months
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


def quarter(year: int, number: int) -> Period:
    """Quarter 1 to 4 of the financial year starting in April of `year`."""
    month = QUARTER_FIRST_MONTHS[number - 1]
    first = datetime.date(year if month >= 4 else year + 1, month, 1)
    last = _month_end(first.year, month, 3)
    return Period(
        first,
        last,
        _("Quarter %(n)d of %(year)s (%(span)s)")
        % {"n": number, "year": year_label(year), "span": _span(first, last)},
    )


def half_year(year: int, number: int) -> Period:
    first = datetime.date(year, 4, 1) if number == 1 else datetime.date(year, 10, 1)
    last = _month_end(first.year, first.month, 6)
    return Period(
        first,
        last,
        _("Half %(n)d of %(year)s (%(span)s)")
        % {"n": number, "year": year_label(year), "span": _span(first, last)},
    )


def whole_year(year: int) -> Period:
    first, last = datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
    return Period(
        first,
        last,
        _("Financial year %(year)s (%(span)s)")
        % {"year": year_label(year), "span": _span(first, last)},
    )


def year_to_date(today: datetime.date) -> Period:
    year = financial_year(today)
    first = datetime.date(year, 4, 1)
    return Period(
        first,
        today,
        _("%(year)s so far (%(span)s)")
        % {"year": year_label(year), "span": _span(first, today)},
    )


def custom(first: datetime.date, last: datetime.date) -> Period:
    return Period(first, last, _span(first, last))
