"""A year of meetings: four bodies, two venues, about 60 meetings around today —
past ones with minutes (one overdue), one cancelled, one at short notice — with
replies, attendance and feedback, so every part of the calendar has something."""

import datetime

from django.utils import timezone

from cms.meetings.models import (
    Body,
    MeetingIndexPage,
    MeetingPage,
    MeetingPaper,
    MeetingPublication,
    MeetingRules,
    PaperPublication,
    Venue,
)
from cms.meetings.notice import gave_due_notice, latest_notice_date
from portal.accounts.models import User
from portal.core.dates import london_today
from portal.groups.models import Group
from portal.participation.models import Attendance, Feedback, Rsvp

INDEX_TITLES = {
    "en-gb": ("Meetings", "Meetings, events and training you can come to."),
    "pl": ("Spotkania", "Spotkania, wydarzenia i szkolenia, na które można przyjść."),
    "bn": ("সভা", "যেসব সভা, অনুষ্ঠান ও প্রশিক্ষণে আপনি আসতে পারেন।"),
    "ar": ("الاجتماعات", "الاجتماعات والفعاليات والتدريب التي يمكنك حضورها."),
}
VENUES = [
    {
        "name": "Riverside Community Centre",
        "address": "2 Quay Road, Riverside",
        "postcode": "RV1 2QR",
        "step_free": True,
        "hearing_loop": True,
        "accessible_toilet": True,
        "parking": "Two blue badge spaces at the front",
        "public_transport": "Bus 12 and 47 stop outside",
    },
    {
        "name": "Anchor House community room",
        "address": "Ground floor, Anchor House, Riverside",
        "postcode": "RV1 3AG",
        "step_free": True,
        "parking": "Street parking only",
        "public_transport": "Riverside station is a five-minute walk",
    },
]
# name, kind, weekday, hour, every n weeks, venue index, group name prefix
BODIES = [
    ("Board", "board", 2, 18, 6, 0, None),
    ("Residents Panel", "panel", 1, 18, 3, 0, None),
    ("Repairs service improvement group", "service", 3, 14, 3, 0, None),
    ("Anchor House TRA public meeting", "tra", 0, 19, 4, 1, "Anchor House"),
]
MINUTES = (
    "<p>Residents raised repairs to the lifts and the state of the bin stores. "
    "The landlord reported on progress since the last meeting.</p>"
)
DEMO_START_WEEKS = -40
DEMO_END_WEEKS = 16
# Older history for the reports: the Board and the Residents Panel every six
# weeks back to the start of the previous financial year, or further, so that
# there are always at least two whole years (730 days) of figures behind today,
# with some promises missed: a few Panel meetings at short notice, some minutes
# late, some papers late.
HISTORY_EVERY_WEEKS = 6
HISTORY_DAYS = 730 + 28
PAPER_TITLE = "Agenda pack"


def _history_start_weeks(monday: datetime.date) -> tuple[int, int]:
    """Weeks back from this Monday to 1 April of the previous financial year,
    and how many more meetings (every `HISTORY_EVERY_WEEKS`, on the same
    weeks) reach back two years and four weeks when that is earlier. The
    meetings since last April keep their places and their promises met or
    missed; the older ones come before them."""
    today = london_today()
    year = today.year if today.month >= 4 else today.year - 1
    start = -((monday - datetime.date(year - 1, 4, 1)).days // 7)
    furthest = -((monday - today + datetime.timedelta(days=HISTORY_DAYS)).days // 7)
    older = max(0, -(-(start - furthest) // HISTORY_EVERY_WEEKS))
    return start - older * HISTORY_EVERY_WEEKS, older


def _agenda_pack():
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.filter(title=PAPER_TITLE).first()
    if document is None:
        document = Document(title=PAPER_TITLE)
        document.file.save("agenda-pack.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return document


def reset_meetings() -> None:
    MeetingIndexPage.objects.filter(slug="meetings").delete()
    Body.objects.filter(name__in=[b[0] for b in BODIES]).delete()
    Venue.objects.filter(name__in=[v["name"] for v in VENUES]).delete()


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build_meetings(*, home, locales) -> None:
    if MeetingIndexPage.objects.filter(slug="meetings").exists():
        return
    rules = MeetingRules.load()
    title, intro = INDEX_TITLES["en-gb"]
    index = home.add_child(
        instance=MeetingIndexPage(
            title=title, intro=intro, slug="meetings", show_in_menus=True
        )
    )
    index.save_revision().publish()
    for code, locale in locales.items():
        if code in INDEX_TITLES and code != "en-gb":
            translated = index.copy_for_translation(locale, copy_parents=True)
            translated.title, translated.intro = INDEX_TITLES[code]
            translated.save_revision().publish()
    venues = [Venue.objects.create(**fields) for fields in VENUES]
    today = london_today()
    monday = today - datetime.timedelta(days=today.weekday())
    meetings = []
    history_start, older = _history_start_weeks(monday)
    pack = _agenda_pack()
    for name, kind, weekday, hour, every, venue, group in BODIES:
        body = Body.objects.create(
            name=name,
            kind=kind,
            group=Group.objects.filter(name__startswith=group).first()
            if group
            else None,
        )
        weeks = list(range(DEMO_START_WEEKS, DEMO_END_WEEKS, every))
        first = 0
        if kind in {"board", "panel"}:
            weeks = [
                *range(history_start, DEMO_START_WEEKS, HISTORY_EVERY_WEEKS),
                *weeks,
            ]
            first = -older  # the meetings since last April are counted from 0
        for n, week in enumerate(weeks, start=first):
            day = monday + datetime.timedelta(weeks=week, days=weekday)
            start = _at(day, hour)
            if start > timezone.now() and not gave_due_notice(
                given_on=today, start=start, rules=rules
            ):
                continue  # only one demo meeting is published at short notice
            meeting = _meeting(
                index,
                body,
                venues[venue],
                day,
                hour,
                rules,
                short_notice=kind == "panel" and n % 5 == 2,
                minutes_late=n % 4 == 3,
                paper=pack
                if kind in {"board", "panel"} and start < timezone.now()
                else None,
                paper_late=n % 6 == 5,
            )
            meetings.append(meeting)
    _special_cases(index, meetings, rules)
    _replies(meetings)


def _meeting(
    index,
    body,
    venue,
    day,
    hour,
    rules,
    *,
    short_notice=False,
    minutes_late=False,
    paper=None,
    paper_late=False,
    **extra,
) -> MeetingPage:
    start = _at(day, hour)
    past = start < timezone.now()
    meeting = MeetingPage(
        title=f"{body.name}, {day:%-d %B %Y}",
        body=body,
        start=start,
        end=start + datetime.timedelta(hours=2),
        venue=venue,
        capacity=30 if body.kind == "panel" else None,
        agenda=[
            (
                "item",
                {"title": "Apologies and minutes of the last meeting", "detail": ""},
            ),
            ("item", {"title": "Repairs and maintenance update", "detail": ""}),
            ("item", {"title": "Any other business", "detail": ""}),
        ],
        minutes=MINUTES if past else "",
        **extra,
    )
    if paper is not None:
        meeting.papers = [
            MeetingPaper(
                title=PAPER_TITLE,
                document=paper,
                late_approved_by="The chair" if paper_late else "",
            )
        ]
    index.add_child(instance=meeting)
    meeting.save_revision().publish()
    # The demo writes history: notice given in good time (or, for a few, two
    # days before), minutes a week after (or, for some, a month after).
    deadline = latest_notice_date(start=start, rules=rules)
    MeetingPublication.objects.filter(meeting=meeting).update(
        notice_given_on=day - datetime.timedelta(days=2)
        if short_notice and past
        else deadline - datetime.timedelta(days=3),
        minutes_published_at=min(
            _at(day + datetime.timedelta(days=30 if minutes_late else 7), 10),
            timezone.now(),
        )
        if past
        else None,
    )
    if paper is not None:
        PaperPublication.objects.filter(meeting=meeting).update(
            first_published_at=_at(
                deadline + datetime.timedelta(days=2)
                if paper_late
                else deadline - datetime.timedelta(days=3),
                9,
            ),
            late=paper_late,
        )
    return meeting


def _special_cases(index, meetings, rules) -> None:
    now = timezone.now()
    past = [m for m in meetings if m.end < now]
    upcoming = [m for m in meetings if m.start > now]
    # Minutes overdue: the last Board meeting more than ten working days ago.
    overdue = next(
        m for m in reversed(past) if m.body.kind == "board" and (now - m.end).days > 21
    )
    overdue.minutes = ""
    overdue.save_revision().publish()
    MeetingPublication.objects.filter(meeting=overdue).update(
        minutes_published_at=None, minutes_sent_at=None
    )
    # Cancelled with an apology: the next repairs group meeting.
    cancelled = next(m for m in upcoming if m.body.kind == "service")
    cancelled.status = MeetingPage.Status.CANCELLED
    cancelled.status_reason = (
        "The repairs manager is off sick and the report is not ready."
    )
    cancelled.apology = (
        "We are sorry for the short change of plan. We will set a new date soon."
    )
    cancelled.save_revision().publish()
    # Published at short notice, with its reason.
    soon = london_today() + datetime.timedelta(days=4)
    extra = _meeting(
        index,
        meetings[0].body.__class__.objects.get(kind="panel"),
        meetings[0].venue,
        soon,
        11,
        rules,
        kind=MeetingPage.Kind.INSPECTION,
        short_notice_reason=(
            "The contractor can only walk the estate with us this week."
        ),
    )
    extra.title = f"Estate inspection, {soon:%-d %B %Y}"
    extra.save_revision().publish()
    MeetingPublication.objects.filter(meeting=extra).update(
        notice_given_on=london_today()
    )


def _replies(meetings) -> None:
    now = timezone.now()
    resident = User.objects.get(email="resident@example.org")
    chair = User.objects.get(email="chair@example.org")
    neighbour = User.objects.get(email="neighbour@example.org")
    officer = User.objects.get(email="officer@example.org")
    panel = [m for m in meetings if m.body.kind == "panel" and m.status == "scheduled"]
    past = [m for m in panel if m.end < now]
    upcoming = [m for m in panel if m.start > now]
    for meeting in past[-3:]:
        for person, status in [
            (resident, "attended"),
            (chair, "attended"),
            (neighbour, "absent"),
        ]:
            Rsvp.objects.create(meeting=meeting, person=person, response="attending")
            Attendance.objects.create(
                meeting=meeting, person=person, status=status, recorded_by=officer
            )
    for meeting in past[-3:-1]:
        Feedback.objects.create(
            meeting=meeting,
            person=chair,
            expectations=8,
            organisation=7,
            listened=9,
            confidence=6,
            improve="Send the papers a little earlier, please.",
            preferred_channel="email",
        )
        Feedback.objects.create(
            meeting=meeting,
            person=resident,
            expectations=6,
            organisation=8,
            listened=7,
            confidence=5,
            preferred_channel="post",
        )
    if upcoming:
        Rsvp.objects.create(
            meeting=upcoming[0],
            person=chair,
            response="attending",
            access_needs="Step-free access",
        )
