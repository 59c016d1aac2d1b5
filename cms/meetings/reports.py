"""Meetings' measures for the involvement performance report: held as planned,
notice, papers on time and minutes within the deadline (`portal.reports`)."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    MEETINGS,
    PERCENT,
    Bar,
    day_cell,
    percent,
    ratio_figure,
    register_bodies,
    register_measure,
    register_records,
    yes_no,
)

from . import notice
from .models import Body, MeetingPage, MeetingRules, PaperPublication

register_bodies(
    lambda: (
        Body.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("name")
        .values_list("pk", "name")
    )
)


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
        .filter(scope.q(area="area", body="body"))
    )


def _held(period, scope) -> list[MeetingPage]:
    return list(
        meetings_in(period, scope)
        .filter(status=MeetingPage.Status.SCHEDULED, end__lt=timezone.now())
        .select_related("body", "publication")
        .order_by("start")
    )


def _planned(period, scope):
    """Meetings planned to start in the period and already past (held or not)."""
    return meetings_in(period, scope).filter(end__lt=timezone.now())


def _meeting_cells(meeting) -> list:
    return [meeting.title, meeting.body.name, day_cell(meeting.start)]


def _meeting_heading() -> list:
    return [gettext("Meeting"), gettext("Body"), gettext("Date")]


@register_records("meetings_held")
def meetings_held_records(period, scope):
    yield [*_meeting_heading(), gettext("Status"), gettext("Held")]
    statuses = dict(MeetingPage.Status.choices)
    for meeting in _planned(period, scope).select_related("body").order_by("start"):
        yield [
            *_meeting_cells(meeting),
            str(statuses.get(meeting.status, meeting.status)),
            yes_no(meeting.status == MeetingPage.Status.SCHEDULED),
        ]


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
    by_body=True,
    bar_unit="count",
)
def meetings_held(period, scope):
    rows = (
        _planned(period, scope)
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
        listing=_report_url(),
    )


def _notice(period, scope):
    """The meetings held, and a test of whether each had due notice."""
    rules = MeetingRules.load()

    def met(meeting):
        given = meeting.notice_given_on
        return given and notice.gave_due_notice(
            given_on=given, start=meeting.start, rules=rules
        )

    return _held(period, scope), met


@register_records("meetings_notice")
def meetings_notice_records(period, scope):
    meetings, met = _notice(period, scope)
    yield [*_meeting_heading(), gettext("Notice given on"), gettext("Due notice")]
    for meeting in meetings:
        yield [
            *_meeting_cells(meeting),
            day_cell(meeting.notice_given_on),
            yes_no(met(meeting)),
        ]


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
    by_body=True,
)
def meetings_notice(period, scope):
    meetings, met = _notice(period, scope)
    return ratio_figure(
        sum(bool(met(m)) for m in meetings),
        len(meetings),
        bars=_by_body(meetings, met),
        listing=_report_url(),
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
    by_body=True,
)
def papers_on_time(period, scope):
    rows = list(
        _papers(period, scope)
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
        listing=_report_url(),
    )


def _papers(period, scope):
    return PaperPublication.objects.filter(
        meeting__in=meetings_in(period, scope).values("pk")
    )


@register_records("papers_on_time")
def papers_on_time_records(period, scope):
    yield [
        *_meeting_heading(),
        pgettext("a meeting document", "Paper"),
        gettext("First published"),
        gettext("On time"),
    ]
    papers = _papers(period, scope).select_related("meeting__body", "document")
    for paper in papers.order_by("meeting__start", "first_published_at", "pk"):
        yield [
            *_meeting_cells(paper.meeting),
            paper.document.title,
            day_cell(paper.first_published_at),
            yes_no(not paper.late),
        ]


def _minutes_due(period, scope, done_on):
    """The meetings held whose minutes were due by the end of the period (or
    today), and a test of whether each was `done_on` (a meeting → London date or
    None) by the deadline in the meeting rules."""
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

    return due, on_time, rules


def _minutes_records(period, scope, done_on, done_heading):
    due, on_time, rules = _minutes_due(period, scope, done_on)
    yield [
        *_meeting_heading(),
        gettext("Due by"),
        done_heading,
        gettext("On time"),
    ]
    for meeting in due:
        yield [
            *_meeting_cells(meeting),
            day_cell(notice.minutes_due_on(end=meeting.end, rules=rules)),
            day_cell(done_on(meeting)),
            yes_no(on_time(meeting)),
        ]


def _minutes_figure(period, scope, done_on):
    """Of the meetings whose minutes were due, how many were done on time."""
    due, on_time, _rules = _minutes_due(period, scope, done_on)
    return ratio_figure(
        sum(bool(on_time(m)) for m in due),
        len(due),
        bars=_by_body(due, on_time),
        listing=_report_url(),
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
    by_body=True,
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
    by_body=True,
)
def minutes_sent_on_time(period, scope):
    return _minutes_figure(period, scope, _minutes_sent_on)


@register_records("minutes_on_time")
def minutes_on_time_records(period, scope):
    return _minutes_records(
        period, scope, lambda m: m.minutes_published_on, gettext("Published on")
    )


@register_records("minutes_sent_on_time")
def minutes_sent_on_time_records(period, scope):
    return _minutes_records(period, scope, _minutes_sent_on, gettext("Sent on"))
