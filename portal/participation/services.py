"""Writes for taking part: replies with a waiting list, attendance, feedback and
the messages residents get when a meeting they care about changes."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.meetings.models import MeetingPage, MeetingRules
from portal.accounts.eligibility import take_part
from portal.accounts.models import User
from portal.core.services import audit_record, notify

from .models import Attendance, BodyFollow, Feedback, Rsvp


def meeting_when_and_where(meeting) -> str:
    """Date, time and place written out, so the message is useful on its own."""
    start = timezone.localtime(meeting.start)
    end = timezone.localtime(meeting.end)
    when = _("%(day)s, %(start)s to %(end)s") % {
        "day": formats.date_format(start, "l j F Y"),
        "start": formats.time_format(start, "g:i a"),
        "end": formats.time_format(end, "g:i a"),
    }
    places = []
    if meeting.venue:
        places.append(f"{meeting.venue.name}, {meeting.venue.address}".strip())
    if meeting.online_link:
        places.append(_("Online: %(link)s") % {"link": meeting.online_link})
    return "\n".join([when, *places])


def meeting_when_and_where_easy_read(meeting) -> str:
    """Date, time and place for an easy read message: one on each line."""
    start = timezone.localtime(meeting.start)
    end = timezone.localtime(meeting.end)
    lines = [
        _("Date: %(day)s") % {"day": formats.date_format(start, "l j F Y")},
        _("Time: %(start)s to %(end)s")
        % {
            "start": formats.time_format(start, "g:i A"),
            "end": formats.time_format(end, "g:i A"),
        },
    ]
    if meeting.venue:
        lines.append(
            _("Place: %(place)s")
            % {"place": f"{meeting.venue.name}, {meeting.venue.address}".strip()}
        )
    if meeting.online_link:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_link})
    return "\n".join(lines)


def _easy_read(meeting, opening, *extra):
    """The easy read body of a message about a meeting (a callable, like
    `_meeting_message`): `opening()` gives short lines, one idea each; then the
    meeting's name, when and where, and the link."""

    def body():
        parts = [
            opening(),
            _("Meeting: %(meeting)s") % {"meeting": meeting.title},
            *extra,
            meeting_when_and_where_easy_read(meeting),
        ]
        if meeting.full_url:
            parts.append(_("Find out more here: %(url)s") % {"url": meeting.full_url})
        return "\n\n".join(part for part in parts if part)

    return body


def _meeting_message(meeting, headline, *extra):
    """Subject and body for a message about a meeting, as callables, so each
    recipient reads them in their own language (see `portal.core.notify`).

    `headline()` gives the first line; `extra` are further paragraphs (fixed text
    such as the reason a meeting changed, written by staff)."""

    def body():
        parts = [headline(), *extra, meeting_when_and_where(meeting)]
        return "\n\n".join(part for part in [*parts, meeting.full_url or ""] if part)

    return headline, body


def _confirmed_count(meeting) -> int:
    return Rsvp.objects.filter(
        meeting=meeting, response=Rsvp.Response.ATTENDING, place=Rsvp.Place.CONFIRMED
    ).count()


def _lock(meeting):
    """Serialise replies to one meeting so two people can't take the last place."""
    Page.objects.select_for_update().filter(pk=meeting.pk).first()


# Meetings are public (TRA public meetings, forums, panels): anyone with an
# account may reply, whether or not we have checked their home yet.
MEETING_NEEDS_CHECKED_HOME = False


def may_reply(meeting, person) -> tuple[bool, str]:
    """Whether this person may reply to the meeting now, and if not, why."""
    if meeting.status != meeting.Status.SCHEDULED:
        return False, _("This meeting is not going ahead, so replies are closed.")
    if meeting.start <= timezone.now():
        return False, _("This meeting has already started.")
    return take_part(person, needs_checked_home=MEETING_NEEDS_CHECKED_HOME)


@transaction.atomic
def rsvp_respond(
    *, meeting, person, response: str, access_needs: str = "", comments: str = ""
) -> Rsvp:
    allowed, reason = may_reply(meeting, person)
    if not allowed:
        raise ValidationError(reason)
    _lock(meeting)
    rsvp = Rsvp.objects.filter(meeting=meeting, person=person).first() or Rsvp(
        meeting=meeting, person=person
    )
    was_confirmed = (
        rsvp.pk
        and rsvp.response == Rsvp.Response.ATTENDING
        and rsvp.place == Rsvp.Place.CONFIRMED
    )
    rsvp.response = response
    rsvp.access_needs = access_needs
    rsvp.comments = comments
    if response == Rsvp.Response.ATTENDING and not was_confirmed:
        full = meeting.capacity is not None and _confirmed_count(meeting) >= (
            meeting.capacity
        )
        rsvp.place = Rsvp.Place.WAITING if full else Rsvp.Place.CONFIRMED
    elif response == Rsvp.Response.APOLOGIES:
        rsvp.place = Rsvp.Place.CONFIRMED
    rsvp.save()
    if was_confirmed and response == Rsvp.Response.APOLOGIES:
        _move_up_waiting_list(meeting)
    _confirm(rsvp)
    return rsvp


def _confirm(rsvp: Rsvp) -> None:
    meeting = rsvp.meeting

    def headline():
        if rsvp.response == Rsvp.Response.APOLOGIES:
            message = _("We have your apologies for %(meeting)s.")
        elif rsvp.place == Rsvp.Place.WAITING:
            message = _(
                "%(meeting)s is full, so you are on the waiting list. We will tell "
                "you as soon as a place comes free."
            )
        else:
            message = _("Your place at %(meeting)s is confirmed.")
        return message % {"meeting": meeting.title}

    subject, body = _meeting_message(meeting, headline)
    notify(
        recipient=rsvp.person,
        key=f"rsvp-{rsvp.pk}-{rsvp.response}-{rsvp.place}-{rsvp.updated_at:%s}",
        subject=subject,
        body=body,
    )


def _move_up_waiting_list(meeting) -> None:
    if meeting.capacity is None:
        return
    free = meeting.capacity - _confirmed_count(meeting)
    waiting = Rsvp.objects.filter(
        meeting=meeting, response=Rsvp.Response.ATTENDING, place=Rsvp.Place.WAITING
    ).order_by("created_at")[: max(free, 0)]
    for rsvp in waiting:
        rsvp.place = Rsvp.Place.CONFIRMED
        rsvp.save(update_fields=["place", "updated_at"])
        _confirm(rsvp)


@transaction.atomic
def rsvp_withdraw(*, rsvp: Rsvp) -> None:
    """The person can no longer come: their place goes to the next in line."""
    _lock(rsvp.meeting)
    meeting = rsvp.meeting
    rsvp.delete()
    _move_up_waiting_list(meeting)


@transaction.atomic
def rsvp_needs_met(*, rsvp: Rsvp, actor, met: bool) -> None:
    if not actor.has_perm("participation.change_rsvp"):
        raise PermissionDenied
    rsvp.needs_met = met
    rsvp.save(update_fields=["needs_met", "updated_at"])
    audit_record(
        actor=actor,
        action="rsvp.needs_met" if met else "rsvp.needs_not_met",
        target=rsvp,
    )


@transaction.atomic
def attendance_record(*, meeting, person, status: str, actor) -> Attendance:
    if not actor.has_perm("participation.add_attendance"):
        raise PermissionDenied
    previous = Attendance.objects.filter(meeting=meeting, person=person).first()
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={"status": status, "recorded_by": actor},
    )
    audit_record(
        actor=actor,
        action="attendance.recorded",
        target=attendance,
        from_state=previous.status if previous else "",
        to_state=status,
    )
    return attendance


def may_give_feedback(meeting, person) -> bool:
    if meeting.start > timezone.now() or meeting.status != meeting.Status.SCHEDULED:
        return False
    attended = Attendance.objects.filter(
        meeting=meeting, person=person, status=Attendance.Status.ATTENDED
    ).exists()
    return (
        attended
        or Rsvp.objects.filter(
            meeting=meeting,
            person=person,
            response=Rsvp.Response.ATTENDING,
            place=Rsvp.Place.CONFIRMED,
        )
        .exclude(person__attendance__meeting=meeting)
        .exists()
    )


def feedback_give(*, meeting, person, **answers) -> Feedback:
    if not may_give_feedback(meeting, person):
        raise ValidationError(
            _("Feedback is for people who came to the meeting, once it has started.")
        )
    try:
        with transaction.atomic():
            return Feedback.objects.create(meeting=meeting, person=person, **answers)
    except IntegrityError:
        raise ValidationError(
            _("You have already told us how this meeting went. Thank you.")
        ) from None


def meeting_change_announce(
    *, meeting, change_number: int, essential: bool = False, actor=None
) -> int:
    """Tell everyone who replied "I will come" that the meeting changed: once per
    change (the iCalendar sequence), however often the page is published. An
    `essential` change (close to the start) passes quiet hours and the text cap."""

    def headline():
        if meeting.status == meeting.Status.CANCELLED:
            return _("Cancelled: %(meeting)s") % {"meeting": meeting.title}
        if meeting.status == meeting.Status.POSTPONED:
            return _("Postponed: %(meeting)s") % {"meeting": meeting.title}
        return _("Changed: %(meeting)s") % {"meeting": meeting.title}

    def easy_read_opening():
        if meeting.status == meeting.Status.CANCELLED:
            lines = [_("A meeting is cancelled.\nIt will not happen.")]
        elif meeting.status == meeting.Status.POSTPONED:
            lines = [
                _("A meeting is put off until later.\nWe will tell you the new date.")
            ]
        elif meeting.status == meeting.Status.MOVED:
            lines = [
                _("A meeting is moved to a new date.\nThe link below has the new date.")
            ]
        else:
            lines = [
                _("A meeting has changed.\nPlease check the date, time and place.")
            ]
        if meeting.status_reason:
            lines.append(_("Why: %(reason)s") % {"reason": meeting.status_reason})
        return "\n".join(lines)

    subject, body = _meeting_message(
        meeting, headline, meeting.status_reason, meeting.apology
    )
    easy_read_body = _easy_read(meeting, easy_read_opening, meeting.apology)
    people = _people_to_tell(meeting)
    for person in people:
        notify(
            recipient=person,
            key=f"meeting-{meeting.pk}-change-{change_number}",
            subject=subject,
            body=body,
            easy_read_body=easy_read_body,
            essential=essential,
            actor=actor,
        )
    return len(people)


def _people_to_tell(meeting) -> list:
    """Everyone coming (or waiting) and everyone following the body, once each."""
    coming = User.objects.filter(
        rsvps__meeting=meeting, rsvps__response=Rsvp.Response.ATTENDING
    )
    following = User.objects.filter(follows__body_id=meeting.body_id)
    return list((coming | following).distinct())


def _followers(meeting):
    """Everyone following the meeting's body, or the resident group the body
    belongs to (`groups.GroupFollow`, chosen in their preferences), each once."""
    follows = Q(follows__body_id=meeting.body_id)
    group_id = meeting.body.group_id if meeting.body_id else None
    if group_id:
        follows |= Q(group_follows__group_id=group_id)
    return User.objects.filter(
        pk__in=User.objects.filter(follows, is_active=True).values("pk")
    )


def meeting_new_announce(*, meeting) -> int:
    """A body's followers, and the followers of the resident group it belongs to,
    hear about each new meeting, with its papers' page (once each)."""
    subject, body = _meeting_message(
        meeting, lambda: _("New meeting: %(meeting)s") % {"meeting": meeting.title}
    )
    followers = list(_followers(meeting))
    for person in followers:
        notify(
            recipient=person,
            key=f"meeting-{meeting.pk}-new",
            subject=subject,
            body=body,
            digestible=True,
        )
    return len(followers)


def minutes_send(*, meeting) -> int:
    """Published minutes go to everyone who came or sent apologies and to the
    body's followers ("distributed to all participants", agreements 000, 002,
    004). Called once, when the minutes are first published; each person gets
    them once whatever happens after."""
    came_or_apologised = User.objects.filter(
        attendance__meeting=meeting,
        attendance__status__in=[
            Attendance.Status.ATTENDED,
            Attendance.Status.APOLOGIES,
        ],
    )
    apologised = User.objects.filter(
        rsvps__meeting=meeting, rsvps__response=Rsvp.Response.APOLOGIES
    )
    people = list(
        User.objects.filter(
            Q(pk__in=came_or_apologised.values("pk"))
            | Q(pk__in=apologised.values("pk"))
            | Q(pk__in=_followers(meeting).values("pk"))
        ).order_by("pk")
    )

    def subject():
        return _("Minutes: %(meeting)s") % {"meeting": meeting.title}

    def body():
        return "\n\n".join(
            [
                _("The minutes of %(meeting)s are published.")
                % {"meeting": meeting.title},
                meeting_when_and_where(meeting),
                meeting.full_url or "",
            ]
        )

    easy_read_body = _easy_read(
        meeting,
        lambda: _(
            "The notes from a meeting are ready.\n"
            "Notes of a meeting are called minutes.\n"
            "They say what was talked about and what was decided."
        ),
    )
    for person in people:
        notify(
            recipient=person,
            key=f"minutes-{meeting.pk}",
            subject=subject,
            body=body,
            easy_read_body=easy_read_body,
            digestible=True,
        )
    return len(people)


@transaction.atomic
def body_follow(*, body, person, follow: bool) -> None:
    if follow:
        BodyFollow.objects.get_or_create(body=body, person=person)
    else:
        BodyFollow.objects.filter(body=body, person=person).delete()


def meeting_reminders_send(*, now=None) -> int:
    """Remind people coming to a meeting a set number of days before. Run it
    often (`manage.py send_meeting_reminders`): each reminder goes once."""
    now = now or timezone.now()
    rules = MeetingRules.load()
    soon = MeetingPage.objects.live().filter(
        status=MeetingPage.Status.SCHEDULED,
        start__gt=now,
        start__lte=now + datetime.timedelta(days=rules.reminder_days),
    )
    sent = 0
    rsvps = Rsvp.objects.filter(
        meeting__in=soon, response=Rsvp.Response.ATTENDING, place=Rsvp.Place.CONFIRMED
    ).select_related("person", "meeting", "meeting__venue")
    for rsvp in rsvps:
        meeting = rsvp.meeting
        subject, body = _meeting_message(
            meeting,
            lambda meeting=meeting: (
                _("Reminder: %(meeting)s") % {"meeting": meeting.title}
            ),
        )
        sent += len(
            notify(
                recipient=rsvp.person,
                key=f"meeting-{meeting.pk}-reminder",
                subject=subject,
                body=body,
            )
        )
    return sent
