"""A moved, postponed or rearranged meeting reaches subscribers' calendars, and
published minutes reach the people who came or sent apologies."""

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from cms.meetings.models import MeetingPage, MeetingPublication, Venue
from portal.accounts.factories import UserFactory
from portal.participation.models import Attendance, BodyFollow, Rsvp

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


def test_minutes_are_not_sent_before_there_are_any(django_capture_on_commit_callbacks):
    meeting = make_meeting(days_ahead=-3, short_notice_reason="Recorded late.")
    follower = UserFactory()
    BodyFollow.objects.create(body=meeting.body, person=follower)
    mail.outbox.clear()
    publish(meeting, django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.subject.startswith("Minutes:")]
    assert MeetingPublication.objects.get(meeting=meeting).minutes_sent_at is None
