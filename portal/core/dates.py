"""Working days and the London calendar, shared by every rule with a deadline.

Agreements promise things "within 10 working days": weekends and UK bank
holidays do not count. The nation whose bank holidays apply is a setting
(`INVOLVE_BANK_HOLIDAY_NATION`: ENG, WLS, SCT or NIR; England by default),
and the `holidays` library keeps the dates up to date.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=8)
def _bank_holidays(nation: str) -> holidays.HolidayBase:
    # Years are filled in lazily by the library as dates are looked up.
    return holidays.UnitedKingdom(subdiv=nation)


def bank_holidays() -> holidays.HolidayBase:
    """The bank holidays of the landlord's nation."""
    return _bank_holidays(getattr(settings, "INVOLVE_BANK_HOLIDAY_NATION", "ENG"))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (start itself never counts).

    `add_working_days(friday, 1)` is the next Monday (or Tuesday after a bank
    holiday Monday). Negative days count back (`add_working_days(monday, -1)` is
    the Friday before). Zero days gives `start` back unchanged.
    """
    step = datetime.timedelta(days=1 if days > 0 else -1)
    day = start
    remaining = abs(days)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days fall after `start` up to and including `end`
    (negative when `end` is before `start`)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def london_today() -> datetime.date:
    """Today's date in Europe/London (the project's TIME_ZONE), not UTC's."""
    return timezone.localdate()
