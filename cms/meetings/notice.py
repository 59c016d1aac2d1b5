"""Notice and minutes arithmetic, in London dates.

A meeting at 10:00 on a Monday is on that Monday in London whatever the server's
clock says, and counting working days skips weekends and UK bank holidays.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.dates import add_working_days, london_today


def today() -> datetime.date:
    return london_today()


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _shift(day: datetime.date, days: int, unit: str) -> datetime.date:
    if unit == "working":
        return add_working_days(day, days)
    return day + datetime.timedelta(days=days)


def latest_notice_date(*, start: datetime.datetime, rules) -> datetime.date:
    """The last day a meeting can be published and still give due notice."""
    return _shift(local_date(start), -rules.notice_days, rules.notice_unit)


def gave_due_notice(
    *, given_on: datetime.date, start: datetime.datetime, rules
) -> bool:
    return given_on <= latest_notice_date(start=start, rules=rules)


def minutes_due_on(*, end: datetime.datetime, rules) -> datetime.date:
    return _shift(local_date(end), rules.minutes_days, rules.minutes_unit)


def period_label(rules) -> str:
    if rules.notice_unit == "working":
        return ngettext(
            "%(n)d working day", "%(n)d working days", rules.notice_days
        ) % {"n": rules.notice_days}
    return ngettext("%(n)d day", "%(n)d days", rules.notice_days) % {
        "n": rules.notice_days
    }


def minutes_state(meeting, rules, *, on: datetime.date | None = None) -> str:
    """'published', 'late' (published after the deadline), 'overdue', 'due' or ''."""
    on = on or today()
    if meeting.status != "scheduled":
        return ""
    due = minutes_due_on(end=meeting.end, rules=rules)
    if meeting.minutes_published_on:
        return "published" if meeting.minutes_published_on <= due else "late"
    if local_date(meeting.end) > on:
        return ""
    return "overdue" if on > due else "due"


MINUTES_LABELS = {
    "published": lambda: _("Minutes published on time"),
    "late": lambda: _("Minutes published late"),
    "overdue": lambda: _("Minutes overdue"),
    "due": lambda: _("Minutes due"),
}
