"""Reads for the back office: the landlord's evidence that it keeps its promises."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from . import notice
from .models import MeetingPage, MeetingRules


@dataclass
class BodyCompliance:
    body: str
    held: int = 0
    due_notice: int = 0
    minutes_on_time: int = 0
    minutes_late: int = 0
    minutes_overdue: int = 0
    overdue_meetings: list = field(default_factory=list)

    @property
    def due_notice_percent(self) -> int | None:
        return round(100 * self.due_notice / self.held) if self.held else None

    @property
    def minutes_on_time_percent(self) -> int | None:
        return round(100 * self.minutes_on_time / self.held) if self.held else None


def compliance_by_body(*, since=None) -> list[BodyCompliance]:
    """Per body, for meetings that went ahead: how many had due notice and whether
    the minutes came on time. One query whatever the number of meetings."""
    rules = MeetingRules.load()
    today = notice.today()
    meetings = (
        MeetingPage.objects.live()
        .filter(status=MeetingPage.Status.SCHEDULED, end__lt=timezone.now())
        .select_related("body", "publication")
        .order_by("body__name", "start")
    )
    if since:
        meetings = meetings.filter(start__gte=since)
    rows: dict[int, BodyCompliance] = {}
    for meeting in meetings:
        row = rows.setdefault(meeting.body_id, BodyCompliance(body=meeting.body.name))
        row.held += 1
        given = meeting.notice_given_on
        if given and notice.gave_due_notice(
            given_on=given, start=meeting.start, rules=rules
        ):
            row.due_notice += 1
        state = notice.minutes_state(meeting, rules, on=today)
        if state == "published":
            row.minutes_on_time += 1
        elif state == "late":
            row.minutes_late += 1
        elif state == "overdue":
            row.minutes_overdue += 1
            row.overdue_meetings.append(meeting)
    return list(rows.values())


def minutes_overdue_since() -> list[datetime.date]:
    """For each meeting that went ahead and whose minutes are past their deadline
    and not yet published: the date they were due (a translated meeting counts
    once). Two queries (the rules, then the meetings) whatever their number."""
    rules = MeetingRules.load()
    today = notice.today()
    meetings = (
        MeetingPage.objects.live()
        .filter(
            status=MeetingPage.Status.SCHEDULED,
            end__lt=timezone.now(),
            publication__minutes_published_at__isnull=True,
        )
        .order_by("translation_key", "end")
        .values_list("translation_key", "end")
    )
    due_dates = {}
    for key, end in meetings:
        due_dates.setdefault(key, notice.minutes_due_on(end=end, rules=rules))
    return sorted(due for due in due_dates.values() if due < today)
