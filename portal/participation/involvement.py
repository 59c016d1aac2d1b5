"""Involvement source: meetings the person attended (staff recorded it)."""

import datetime
from decimal import Decimal

from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    duration_hours,
    hours_from_spans,
    local_date,
    register_source,
    summary_columns,
)

from .models import Attendance

KIND = _("Meeting attended")


def _attended():
    return Attendance.objects.filter(status=Attendance.Status.ATTENDED)


def meeting_hours(start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Everyone's meeting hours between two London dates (one query)."""
    rows = (
        _attended()
        .filter(meeting__start__date__gte=start, meeting__start__date__lte=end)
        .values_list("person_id", "meeting__start", "meeting__end")
    )
    return hours_from_spans(rows)


def summary(user):
    return [
        _attended()
        .filter(person=user)
        .values(
            **summary_columns(
                date=TruncDate("meeting__start"),
                kind=KIND,
                title="meeting__title",
                began="meeting__start",
                ended="meeting__end",
            )
        )
    ]


@register_source("meetings", order=10, hours=meeting_hours, summary=summary)
def meetings_attended(user):
    rows = _attended().filter(person=user).select_related("meeting", "meeting__body")
    for row in rows:
        meeting = row.meeting
        yield Item(
            date=local_date(meeting.start),
            kind=KIND,
            title=meeting.title,
            role=meeting.body.name,
            hours=duration_hours(meeting.start, meeting.end),
            page=meeting,
        )
