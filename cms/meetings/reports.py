"""Meetings' measures for the involvement performance report: held as planned,
notice, papers on time and minutes within the deadline (`portal.reports`)."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    MEETINGS,
    PERCENT,
    Bar,
    percent,
    ratio_figure,
    register_measure,
)

from . import notice
from .models import MeetingPage, MeetingRules, PaperPublication


def meetings_in(period, scope):
    """Live meetings starting in the period, each counted once (the main
    language's page; translations are the same meeting)."""
    return (
        MeetingPage.objects.live()
        .filter(
            start__gte=period.start_at,
            start__lt=period.end_at,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .filter(scope.q(area="area"))
    )


def _held(period, scope) -> list[MeetingPage]:
    return list(
        meetings_in(period, scope)
        .filter(status=MeetingPage.Status.SCHEDULED, end__lt=timezone.now())
        .select_related("body", "publication")
        .order_by("start")
    )


def _by_body(meetings, passed) -> list[Bar]:
    totals, met = defaultdict(int), defaultdict(int)
    for meeting in meetings:
        totals[meeting.body.name] += 1
        met[meeting.body.name] += bool(passed(meeting))
    return [Bar(name, percent(met[name], totals[name])) for name in sorted(totals)]


def _report_url() -> str:
    return reverse("meeting_report")


@register_measure(
    key="meetings_held",
    section=MEETINGS,
    label=_("Meetings held as planned"),
    definition=_(
        "Of the meetings planned to start in the period and already past, how "
        "many went ahead (not cancelled, postponed or moved). Bars: meetings "
        "held for each body."
    ),
    unit=PERCENT,
    order=10,
    bar_unit="count",
)
def meetings_held(period, scope):
    rows = (
        meetings_in(period, scope)
        .filter(end__lt=timezone.now())
        .values("body__name")
        .annotate(
            planned=Count("pk"),
            held=Count("pk", filter=Q(status=MeetingPage.Status.SCHEDULED)),
        )
        .order_by("body__name")
    )
    rows = list(rows)
    held = sum(row["held"] for row in rows)
    planned = sum(row["planned"] for row in rows)
    return ratio_figure(
        held,
        planned,
        bars=[Bar(row["body__name"], row["held"]) for row in rows],
        url=_report_url(),
    )


@register_measure(
    key="meetings_notice",
    section=MEETINGS,
    label=_("Meetings with due notice"),
    definition=_(
        "Of the meetings held, how many were published at least the notice "
        "period before they started (the notice rule in the meeting rules, "
        "counted in London dates, skipping weekends and bank holidays)."
    ),
    unit=PERCENT,
    order=20,
)
def meetings_notice(period, scope):
    rules = MeetingRules.load()
    meetings = _held(period, scope)

    def met(meeting):
        given = meeting.notice_given_on
        return given and notice.gave_due_notice(
            given_on=given, start=meeting.start, rules=rules
        )

    return ratio_figure(
        sum(bool(met(m)) for m in meetings),
        len(meetings),
        bars=_by_body(meetings, met),
        url=_report_url(),
    )


@register_measure(
    key="papers_on_time",
    section=MEETINGS,
    label=_("Papers published on time"),
    definition=_(
        "Of the papers published for meetings in the period, how many went live "
        "by the last day for due notice of their meeting. The system records "
        "when each paper first went live."
    ),
    unit=PERCENT,
    order=30,
)
def papers_on_time(period, scope):
    meetings = meetings_in(period, scope)
    rows = list(
        PaperPublication.objects.filter(meeting__in=meetings.values("pk"))
        .values("meeting__body__name")
        .annotate(total=Count("pk"), on_time=Count("pk", filter=Q(late=False)))
        .order_by("meeting__body__name")
    )
    return ratio_figure(
        sum(row["on_time"] for row in rows),
        sum(row["total"] for row in rows),
        bars=[
            Bar(row["meeting__body__name"], percent(row["on_time"], row["total"]))
            for row in rows
        ],
        url=_report_url(),
    )


def _minutes_figure(period, scope, done_on):
    """Of the meetings held whose minutes were due by the end of the period (or
    today), how many were `done_on` (a meeting → London date or None) by the
    deadline in the meeting rules."""
    rules = MeetingRules.load()
    until = min(period.last, notice.today())
    due = [
        m
        for m in _held(period, scope)
        if notice.minutes_due_on(end=m.end, rules=rules) <= until
    ]

    def on_time(meeting):
        done = done_on(meeting)
        return done and done <= notice.minutes_due_on(end=meeting.end, rules=rules)

    return ratio_figure(
        sum(bool(on_time(m)) for m in due),
        len(due),
        bars=_by_body(due, on_time),
        url=_report_url(),
    )


@register_measure(
    key="minutes_on_time",
    section=MEETINGS,
    label=_("Minutes published within the deadline"),
    definition=_(
        "Of the meetings held whose minutes were due by the end of the period "
        "(or today), how many had their minutes published by the deadline in the "
        "meeting rules. The system records when minutes first went live."
    ),
    unit=PERCENT,
    order=40,
)
def minutes_on_time(period, scope):
    return _minutes_figure(period, scope, lambda m: m.minutes_published_on)


def _minutes_sent_on(meeting):
    publication = getattr(meeting, "publication", None)
    if publication is None or publication.minutes_sent_at is None:
        return None
    return notice.local_date(publication.minutes_sent_at)


@register_measure(
    key="minutes_sent_on_time",
    section=MEETINGS,
    label=_("Minutes sent to attendees within the deadline"),
    definition=_(
        "Of the meetings held whose minutes were due by the end of the period "
        "(or today), how many had their minutes sent to those who came or sent "
        "apologies by the deadline in the meeting rules. The system records when "
        "the minutes were sent out."
    ),
    unit=PERCENT,
    order=45,
)
def minutes_sent_on_time(period, scope):
    return _minutes_figure(period, scope, _minutes_sent_on)
