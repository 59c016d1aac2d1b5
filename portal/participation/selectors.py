"""Reads for taking part (used by the calendar, the dashboard and expenses)."""

import datetime

from django.db.models import Avg, Case, Count, F, FilteredRelation, Q, When
from django.utils import timezone

from cms.meetings.models import MeetingPage
from portal.groups.selectors import officer_groups

from .models import Attendance, BodyFollow, Feedback, Rsvp


def meetings_for_claims(user):
    """Meetings a person replied "I will come" to or attended, most recent first:
    offered first when they claim expenses."""
    return (
        MeetingPage.objects.live()
        .filter(
            Q(rsvps__person=user, rsvps__response=Rsvp.Response.ATTENDING)
            | Q(attendance__person=user, attendance__status=Attendance.Status.ATTENDED)
        )
        .distinct()
        .order_by("-start")
    )


def attendance_status(user, meeting) -> str | None:
    return (
        Attendance.objects.filter(meeting=meeting, person=user)
        .values_list("status", flat=True)
        .first()
    )


def runs_the_meeting(user, meeting) -> bool:
    """An officer of the residents' group whose body holds the meeting."""
    group_id = meeting.body.group_id
    return group_id is not None and officer_groups(user).filter(pk=group_id).exists()


def attendee_list(meeting):
    return (
        Rsvp.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("response", "place", "created_at")
    )


FEEDBACK_SCORES = ["expectations", "organisation", "listened", "confidence"]


def feedback_results(meetings):
    """Average scores per meeting (one query), oldest first, for a chart and table."""
    return (
        Feedback.objects.filter(meeting__in=meetings)
        .values("meeting_id", "meeting__title", "meeting__start")
        .annotate(
            answers=Count("id"),
            **{name: Avg(name) for name in FEEDBACK_SCORES},
        )
        .order_by("meeting__start")
    )


def reply_of(user, meeting) -> dict:
    """What the meeting page shows this person: their reply and whether they can
    still reply or give feedback (two queries, none for visitors)."""
    from .services import may_give_feedback, may_reply

    if not user.is_authenticated:
        return {}
    rsvp = Rsvp.objects.filter(meeting=meeting, person=user).first()
    return {
        "rsvp": rsvp,
        "can_reply": may_reply(meeting, user)[0],
        "following": BodyFollow.objects.filter(
            body_id=meeting.body_id, person=user
        ).exists(),
        "can_give_feedback": may_give_feedback(meeting, user)
        and not Feedback.objects.filter(meeting=meeting, person=user).exists(),
    }


def feedback_owed(user, *, now, days: int = 60) -> Q:
    """The filter for meetings in the last `days` the person came to (attendance
    recorded, or a confirmed place and no attendance record) and has not said
    how it went."""
    came = Attendance.objects.filter(
        person=user, status=Attendance.Status.ATTENDED
    ).values("meeting_id")
    confirmed = (
        Rsvp.objects.filter(
            person=user,
            response=Rsvp.Response.ATTENDING,
            place=Rsvp.Place.CONFIRMED,
        )
        .exclude(meeting__attendance__person=user)
        .values("meeting_id")
    )
    return (
        Q(
            live=True,
            start__lte=now,
            start__gte=now - datetime.timedelta(days=days),
            status=MeetingPage.Status.SCHEDULED,
        )
        & (Q(pk__in=came) | Q(pk__in=confirmed))
        & ~Q(pk__in=Feedback.objects.filter(person=user).values("meeting_id"))
    )


def my_meetings(user, *, limit: int = 5) -> tuple[list[Rsvp], list[MeetingPage]]:
    """The dashboard's meetings in one query: the person's replies to meetings
    not yet over (soonest first, with the venue) and the meetings they owe
    feedback on (newest first), `limit` of each. Each meeting carries the
    person's reply, so a reply is the `Rsvp` as stored."""
    now = timezone.now()
    upcoming = Q(my_rsvp__isnull=False, end__gte=now)
    owed = feedback_owed(user, now=now)
    meetings = list(
        MeetingPage.objects.annotate(
            my_rsvp=FilteredRelation("rsvps", condition=Q(rsvps__person=user))
        )
        .filter(upcoming | owed)
        .annotate(
            upcoming=Case(When(upcoming, then=True), default=False),
            owed=Case(When(owed, then=True), default=False),
            rsvp_id=F("my_rsvp__id"),
            rsvp_response=F("my_rsvp__response"),
            rsvp_place=F("my_rsvp__place"),
        )
        .select_related("venue")
        .order_by("start", "pk")
    )
    rsvps = [
        Rsvp(
            pk=meeting.rsvp_id,
            meeting=meeting,
            person=user,
            response=meeting.rsvp_response,
            place=meeting.rsvp_place,
        )
        for meeting in meetings
        if meeting.upcoming
    ]
    owed_list = [meeting for meeting in reversed(meetings) if meeting.owed]
    return rsvps[:limit], owed_list[:limit]
