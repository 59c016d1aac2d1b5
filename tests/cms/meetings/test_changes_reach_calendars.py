"""A moved, postponed or rearranged meeting reaches subscribers' calendars, and
published minutes reach the people who came or sent apologies."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from cms.meetings.models import MeetingPage, MeetingPublication, Venue
from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences
from portal.participation.models import Attendance, BodyFollow, Rsvp
from tests.easy_read import easy_read_lines

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def feed_event(client, meeting):
    calendar = Calendar.from_ical(client.get("/meetings/calendar.ics").content)
    uid = f"meeting-{meeting.pk}@"
    return next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(uid))


def publish(meeting, committed):
    with committed(execute=True):
        meeting.save_revision().publish()


def test_one_event_followed_through_three_changes(
    client, django_capture_on_commit_callbacks
):
    meeting = make_meeting(title="Estate walkabout")
    first = feed_event(client, meeting)
    uid = str(first["UID"])
    assert first["SEQUENCE"] == 0 and first["STATUS"] == "CONFIRMED"

    # 1. A new time: same UID, SEQUENCE 1, the new start.
    later = meeting.start + datetime.timedelta(hours=1)
    meeting.start, meeting.end = later, later + datetime.timedelta(hours=2)
    publish(meeting, django_capture_on_commit_callbacks)
    event = feed_event(client, meeting)
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == later

    # 2. A new place: SEQUENCE 2, the new location.
    hall = Venue.objects.create(name="Community Hall", address="1 Quay Street")
    meeting.venue = hall
    publish(meeting, django_capture_on_commit_callbacks)
    event = feed_event(client, meeting)
    assert event["SEQUENCE"] == 2 and "Community Hall" in str(event["LOCATION"])

    # 3. Postponed with no new date: sent as cancelled, and says so.
    meeting.status = MeetingPage.Status.POSTPONED
    meeting.status_reason = "The chair is ill."
    meeting.apology = "Sorry for the short notice."
    publish(meeting, django_capture_on_commit_callbacks)
    event = feed_event(client, meeting)
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 3
    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]) == "Postponed: Estate walkabout"
    assert "A new date will be published" in str(event["DESCRIPTION"])


def test_a_rearranged_meeting_links_back_to_the_postponed_one(
    client, django_capture_on_commit_callbacks
):
    old = make_meeting(title="Budget panel", days_ahead=20)
    new = make_meeting(title="Budget panel (new date)", days_ahead=40)
    old.status = MeetingPage.Status.MOVED
    old.moved_to = new
    old.status_reason = "The budget papers are late."
    old.apology = "Sorry."
    publish(old, django_capture_on_commit_callbacks)

    moved = feed_event(client, old)
    assert moved["STATUS"] == "CANCELLED"
    assert str(moved["SUMMARY"]) == "Moved: Budget panel"
    assert "Moved to" in str(moved["DESCRIPTION"])
    rearranged = feed_event(client, new)
    assert rearranged["STATUS"] == "CONFIRMED"
    assert str(rearranged["RELATED-TO"]) == str(moved["UID"])
    assert "This meeting replaces Budget panel" in str(rearranged["DESCRIPTION"])


def test_minutes_reach_attendees_apologies_and_followers_once(
    django_capture_on_commit_callbacks,
):
    meeting = make_meeting(days_ahead=-3, short_notice_reason="Recorded late.")
    came, sorry, rsvp_sorry, follower, stranger = (UserFactory() for _ in range(5))
    officer = UserFactory()
    Attendance.objects.create(
        meeting=meeting, person=came, status="attended", recorded_by=officer
    )
    Attendance.objects.create(
        meeting=meeting, person=sorry, status="apologies", recorded_by=officer
    )
    Rsvp.objects.create(meeting=meeting, person=rsvp_sorry, response="apologies")
    BodyFollow.objects.create(body=meeting.body, person=follower)
    mail.outbox.clear()

    meeting.minutes = "<p>We agreed to fix the lights.</p>"
    publish(meeting, django_capture_on_commit_callbacks)
    publish(meeting, django_capture_on_commit_callbacks)  # again: nothing more

    minutes = [m for m in mail.outbox if m.subject.startswith("Minutes:")]
    assert sorted(m.to[0] for m in minutes) == sorted(
        p.email for p in (came, sorry, rsvp_sorry, follower)
    )
    assert stranger.email not in {m.to[0] for m in mail.outbox}
    assert MeetingPublication.objects.get(meeting=meeting).minutes_sent_at


def test_easy_read_readers_get_easy_read_minutes_and_changes(
    django_capture_on_commit_callbacks,
):
    meeting = make_meeting(title="Estate walkabout", days_ahead=-3)
    easy, usual = UserFactory(), UserFactory()
    ContactPreferences.objects.create(user=easy, easy_read=True)
    for person in (easy, usual):
        BodyFollow.objects.create(body=meeting.body, person=person)
    mail.outbox.clear()

    meeting.minutes = "<p>We agreed to fix the lights.</p>"
    publish(meeting, django_capture_on_commit_callbacks)

    def minutes_to(person):
        [message] = [
            m for m in mail.outbox if m.to == [person.email] and "Minutes" in m.subject
        ]
        return message.body.split("\n--\n")[0]

    lines = easy_read_lines(minutes_to(easy))
    assert lines[0] == "The notes from a meeting are ready."
    assert "Meeting: Estate walkabout" in lines
    assert any(line.startswith("Date: ") for line in lines)
    assert any(line.startswith("Find out more here: http") for line in lines)
    assert minutes_to(usual).startswith(
        "The minutes of Estate walkabout are published."
    )

    coming = make_meeting(title="Budget panel", days_ahead=20)
    Rsvp.objects.create(meeting=coming, person=easy, response="attending")
    Rsvp.objects.create(meeting=coming, person=usual, response="attending")
    mail.outbox.clear()
    coming.status = MeetingPage.Status.POSTPONED
    coming.status_reason = "The hall is flooded."
    coming.apology = "We are sorry."
    publish(coming, django_capture_on_commit_callbacks)

    [easy_change] = [m for m in mail.outbox if m.to == [easy.email]]
    lines = easy_read_lines(easy_change.body.split("\n--\n")[0])
    assert lines[:3] == [
        "A meeting is put off until later.",
        "We will tell you the new date.",
        "Why: The hall is flooded.",
    ]
    assert "Meeting: Budget panel" in lines
    [usual_change] = [m for m in mail.outbox if m.to == [usual.email]]
    assert usual_change.body.startswith("Postponed: Budget panel")
    assert easy_change.subject == usual_change.subject == "Postponed: Budget panel"


def test_a_postponement_reaches_a_polish_emailer_and_a_bengali_texter_in_theirs(
    django_capture_on_commit_callbacks,
):
    from portal.core.sms import LocmemSmsBackend

    meeting = make_meeting(title="Budget panel", days_ahead=20)
    polish, bengali = UserFactory(), UserFactory()
    ContactPreferences.objects.create(user=polish, by_email=True, language="pl")
    ContactPreferences.objects.create(
        user=bengali, by_email=False, by_sms=True, phone="07700900124", language="bn"
    )
    for person in (polish, bengali):
        Rsvp.objects.create(meeting=meeting, person=person, response="attending")
    mail.outbox.clear()
    LocmemSmsBackend.outbox.clear()

    meeting.status = MeetingPage.Status.POSTPONED
    meeting.status_reason = "The hall is flooded."
    meeting.apology = "We are sorry."
    publish(meeting, django_capture_on_commit_callbacks)

    [email] = [m for m in mail.outbox if m.to == [polish.email]]
    assert email.subject == "Przełożone: Budget panel"
    [text] = [t for t in LocmemSmsBackend.outbox if t["to"] == "07700900124"]
    assert text["body"].startswith("স্থগিত: Budget panel")
    assert bengali.email not in {m.to[0] for m in mail.outbox}


def test_minutes_are_not_sent_before_there_are_any(django_capture_on_commit_callbacks):
    meeting = make_meeting(days_ahead=-3, short_notice_reason="Recorded late.")
    follower = UserFactory()
    BodyFollow.objects.create(body=meeting.body, person=follower)
    mail.outbox.clear()
    publish(meeting, django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.subject.startswith("Minutes:")]
    assert MeetingPublication.objects.get(meeting=meeting).minutes_sent_at is None


MORNING = datetime.datetime(2026, 12, 4, 9, tzinfo=ZoneInfo("Europe/London"))


def _texter_coming_to(meeting):
    from portal.accounts.models import ContactPreferences

    texter = UserFactory()
    ContactPreferences.objects.create(
        user=texter, by_email=False, by_sms=True, phone="07700900123"
    )
    Rsvp.objects.create(meeting=meeting, person=texter, response="attending")
    return texter


def _cancel(meeting, editor, committed):
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.status_reason = "The hall is flooded."
    meeting.apology = "We are sorry for the short notice."
    with committed(execute=True):
        meeting.save_revision(user=editor).publish(user=editor)


@time_machine.travel(MORNING, tick=False)
def test_a_cancellation_on_the_day_texts_at_once_and_names_who_sent_it(
    settings, django_capture_on_commit_callbacks
):
    """Quiet hours and the yearly text cap give way to a change close to the start;
    the audit log names the editor who published it."""
    from portal.core.models import AuditEntry, Notification
    from portal.core.sms import LocmemSmsBackend

    LocmemSmsBackend.outbox.clear()
    settings.INVOLVE_SMS_QUIET_HOURS = "00:00-23:59"  # always quiet
    settings.INVOLVE_SMS_YEARLY_CAP = 0  # no ordinary texts left
    meeting = make_meeting(
        days_ahead=0, hour=23, title="Tonight's panel", short_notice_reason="Urgent."
    )
    texter = _texter_coming_to(meeting)
    editor = UserFactory(is_staff=True, is_superuser=True)
    with time_machine.travel(meeting.start - datetime.timedelta(hours=3)):
        _cancel(meeting, editor, django_capture_on_commit_callbacks)

    text = Notification.objects.get(recipient=texter, key__contains="-change-")
    assert text.channel == "sms" and text.essential and text.status == "sent"
    assert "Cancelled: Tonight's panel" in LocmemSmsBackend.outbox[0]["body"]
    assert AuditEntry.objects.filter(
        action="notification.essential", actor=editor, object_id=str(text.pk)
    ).exists()


def test_a_change_weeks_ahead_keeps_quiet_hours_and_the_text_cap(
    settings, django_capture_on_commit_callbacks
):
    from portal.core.models import AuditEntry, Notification

    settings.INVOLVE_SMS_YEARLY_CAP = 0
    meeting = make_meeting(days_ahead=20, title="Spring panel")
    texter = _texter_coming_to(meeting)
    _cancel(
        meeting,
        UserFactory(is_staff=True, is_superuser=True),
        django_capture_on_commit_callbacks,
    )

    message = Notification.objects.get(recipient=texter, key__contains="-change-")
    assert message.channel == "email" and not message.essential
    assert not AuditEntry.objects.filter(action="notification.essential").exists()


@time_machine.travel(MORNING, tick=False)
def test_moving_a_meeting_away_from_tonight_is_urgent_for_those_planning_on_tonight(
    settings, django_capture_on_commit_callbacks
):
    """Urgency is judged from the start people were told, not the new one."""
    from portal.core.models import Notification

    settings.INVOLVE_SMS_YEARLY_CAP = 0
    meeting = make_meeting(
        days_ahead=0, hour=23, title="Moved panel", short_notice_reason="Urgent."
    )
    texter = _texter_coming_to(meeting)
    with time_machine.travel(meeting.start - datetime.timedelta(hours=5)):
        later = meeting.start + datetime.timedelta(days=14)
        meeting.start, meeting.end = later, later + datetime.timedelta(hours=2)
        meeting.status_reason = "The hall is flooded."
        meeting.apology = "We are sorry for the short notice."
        with django_capture_on_commit_callbacks(execute=True):
            meeting.save_revision().publish()
    message = Notification.objects.get(recipient=texter, key__contains="-change-")
    assert message.channel == "sms" and message.essential


@pytest.mark.parametrize(
    ("hours_before", "urgent"), [(25, False), (24, True), (1, True), (-1, False)]
)
def test_the_urgent_window_is_the_set_hours_before_the_planned_start(
    settings, hours_before, urgent
):
    from cms.meetings.services import change_is_urgent

    settings.INVOLVE_URGENT_CHANGE_HOURS = 24
    start = datetime.datetime(2026, 12, 4, 19, tzinfo=datetime.UTC)
    now = start - datetime.timedelta(hours=hours_before)
    assert change_is_urgent(planned_start=start, now=now) is urgent
