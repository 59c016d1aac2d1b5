"""Reading numbers and dates from the query string without ever failing.

Anything a visitor can type into an address bar reaches these: letters where a
number goes, numbers too big for the database, digits from other scripts, dates
in year 9999. A value that is not a sensible one is treated as absent (the
listing shows its default), never as a server error.
"""

import datetime
import re

# The largest id a database integer column holds on every backend we run (a
# PostgreSQL bigint); larger "ids" cannot name a row, so they name none.
MAX_ID = 2**63 - 1
# Dates anyone types or links to stay inside this window.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# The same window as instants, for database check constraints on date-times.
WINDOW_START = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
WINDOW_END = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)

_ASCII_INT = re.compile(r"-?[0-9]{1,19}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_int(
    value: object, *, minimum: int = 1, maximum: int = MAX_ID, default=None
) -> int | None:
    """`value` as a whole number within [minimum, maximum], or `default`.

    Only ASCII digits count: `int()` would read "٣" or "²" differently from the
    database and the other places that compare the text."""
    if not isinstance(value, str) or not _ASCII_INT.fullmatch(value.strip()):
        return default
    number = int(value.strip())
    return number if minimum <= number <= maximum else default


def parse_id(value: object) -> int | None:
    """A primary key from the query string, or None when it cannot be one."""
    return parse_int(value, minimum=1, maximum=MAX_ID)


def parse_month(value: object) -> datetime.date | None:
    """The first day of a "YYYY-MM" month inside the sane window, or None."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
        return None
    try:
        month = datetime.date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        return None
    return month if EARLIEST_DATE <= month <= LATEST_DATE else None


def parse_date(value: object) -> datetime.date | None:
    """A "YYYY-MM-DD" date inside the sane window, or None."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return day if EARLIEST_DATE <= day <= LATEST_DATE else None


def date_in_window(value: datetime.date | None) -> bool:
    """For form and model validation: True when a date is inside the window."""
    return value is None or EARLIEST_DATE <= value <= LATEST_DATE


def validate_date_in_window(value: datetime.date | None) -> None:
    """A form or model validator: dates people type stay in the sane window."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    if isinstance(value, datetime.datetime):
        value = value.date()
    if not date_in_window(value):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
            code="date_out_of_range",
        )
