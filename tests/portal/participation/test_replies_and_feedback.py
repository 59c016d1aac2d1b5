"""Residents reply to meetings (with access needs), wait for places, and say how
it went; nobody can reply to a meeting that is off or give feedback twice."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from cms.meetings.models import MeetingPage
from portal.accounts.models import AccessNeeds, User
from portal.participation.models import Feedback, Rsvp
from portal.participation.services import rsvp_respond
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


def test_reply_form_starts_with_the_access_needs_they_told_us(client):
    meeting = make_meeting()
    resident = person("resident@example.org")
    AccessNeeds.objects.update_or_create(
        user=resident,
        defaults={
            "step_free": True,
            "dietary": "Halal",
            "consent_given_at": timezone.now(),
        },
    )
    sign_in(client, resident.email)
    page = client.get(f"/portal/meetings/{meeting.pk}/reply/").content.decode()
    assert "Step-free access; Halal" in page


def test_a_resident_replies_and_gets_the_date_time_and_place(
    client, django_capture_on_commit_callbacks
):
    meeting = make_meeting()
    sign_in(client, "resident@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/portal/meetings/{meeting.pk}/reply/",
            {"response": "attending", "access_needs": "A hearing loop", "comments": ""},
        )
    assert response.status_code == 302
    rsvp = Rsvp.objects.get(meeting=meeting, person__email="resident@example.org")
    assert (rsvp.response, rsvp.place, rsvp.access_needs) == (
        "attending",
        "confirmed",
        "A hearing loop",
    )
    message = mail.outbox[-1]
    assert meeting.venue.name in message.body
    assert timezone.localtime(meeting.start).strftime("%-d %B %Y") in message.body
    page = client.get(meeting.url).content.decode()
    assert "Place confirmed" in page


def test_a_reply_without_a_choice_is_explained_and_keeps_what_was_typed(client):
    meeting = make_meeting()
    sign_in(client, "resident@example.org")
    response = client.post(
        f"/portal/meetings/{meeting.pk}/reply/",
        {"access_needs": "A BSL interpreter"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say whether you will come." in page
    assert "A BSL interpreter" in page
    assert 'class="error-summary"' in page or "There is a problem" in page


def test_when_full_people_wait_and_move_up_when_someone_drops_out():
    meeting = make_meeting(capacity=1)
    first = rsvp_respond(
        meeting=meeting, person=person("resident@example.org"), response="attending"
    )
    second = rsvp_respond(
        meeting=meeting, person=person("chair@example.org"), response="attending"
    )
    assert (first.place, second.place) == ("confirmed", "waiting")
    rsvp_respond(meeting=meeting, person=first.person, response="apologies")
    second.refresh_from_db()
    assert second.place == "confirmed"


@pytest.mark.postgres
def test_two_people_at_once_cannot_take_the_last_place(demo_data):
    meeting = make_meeting(capacity=1)
    people = [person("resident@example.org"), person("neighbour@example.org")]
    barrier = threading.Barrier(2)

    def reply(who):
        barrier.wait()
        rsvp_respond(meeting=meeting, person=who, response="attending")
        connection.close()

    threads = [threading.Thread(target=reply, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    places = sorted(
        Rsvp.objects.filter(meeting=meeting).values_list("place", flat=True)
    )
    assert places == ["confirmed", "waiting"]


def test_no_replies_to_a_cancelled_or_past_meeting(client):
    meeting = make_meeting()
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.status_reason, meeting.apology = "Flood", "Sorry"
    meeting.save_revision().publish()
    with pytest.raises(ValidationError):
        rsvp_respond(
            meeting=meeting, person=person("chair@example.org"), response="attending"
        )
    sign_in(client, "chair@example.org")
    response = client.post(
        f"/portal/meetings/{meeting.pk}/reply/", {"response": "attending"}
    )
    assert response.status_code == 200
    assert "not going ahead" in response.content.decode()


def test_signing_in_is_needed_and_drafts_are_not_found(client):
    meeting = make_meeting()
    response = client.get(f"/portal/meetings/{meeting.pk}/reply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    draft = make_meeting(publish=False, days_ahead=60)
    sign_in(client, "resident@example.org")
    assert client.get(f"/portal/meetings/{draft.pk}/reply/").status_code == 404


def _attended_meeting_without_feedback(email):
    resident = person(email)
    return (
        MeetingPage.objects.filter(
            attendance__person=resident, attendance__status="attended"
        )
        .exclude(feedback__person=resident)
        .first()
    )


def test_the_demo_resident_gives_feedback_once(client):
    meeting = _attended_meeting_without_feedback("resident@example.org")
    sign_in(client, "resident@example.org")
    assert "How was it for you?" in client.get(meeting.url).content.decode()
    answers = {
        "expectations": 7,
        "organisation": 8,
        "listened": 9,
        "confidence": 6,
        "improve": "Start on time",
        "preferred_channel": "email",
    }
    url = f"/portal/meetings/{meeting.pk}/feedback/"
    assert client.post(url, answers).status_code == 302
    assert Feedback.objects.filter(
        meeting=meeting, person__email="resident@example.org"
    ).exists()
    second = client.post(url, answers)
    assert second.status_code == 200
    assert "already told us" in second.content.decode()


def test_feedback_with_a_missing_score_is_explained(client):
    meeting = _attended_meeting_without_feedback("resident@example.org")
    sign_in(client, "resident@example.org")
    response = client.post(
        f"/portal/meetings/{meeting.pk}/feedback/",
        {"expectations": 11, "improve": "More tea"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a number from 1 to 10." in page
    assert "More tea" in page


def test_someone_who_was_not_there_cannot_give_feedback(client):
    meeting = MeetingPage.objects.filter(attendance__status="absent").first()
    absent = meeting.attendance.get(status="absent").person
    client.force_login(absent)
    assert client.get(f"/portal/meetings/{meeting.pk}/feedback/").status_code == 404
    upcoming = make_meeting()
    client.force_login(person("resident@example.org"))
    assert client.get(f"/portal/meetings/{upcoming.pk}/feedback/").status_code == 404


def test_followers_hear_of_new_meetings_and_cancellations_once(
    client, django_capture_on_commit_callbacks
):
    from cms.meetings.models import Body

    panel = Body.objects.get(name="Residents Panel")
    sign_in(client, "neighbour@example.org")
    response = client.post(
        f"/portal/meetings/bodies/{panel.pk}/follow/",
        {"follow": "1", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/meetings/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting()
    assert [m.subject for m in mail.outbox if "neighbour@example.org" in m.to] == [
        f"New meeting: {meeting.title}"
    ]
    mail.outbox.clear()
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.status_reason, meeting.apology = "No quorum", "Sorry"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    assert [m.subject for m in mail.outbox if "neighbour@example.org" in m.to] == [
        f"Cancelled: {meeting.title}"
    ]
    client.post(f"/portal/meetings/bodies/{panel.pk}/follow/", {"follow": "0"})
    assert not panel.followers.exists()


def test_reminders_go_once_to_people_coming_soon(django_capture_on_commit_callbacks):
    from portal.participation.services import meeting_reminders_send

    meeting = make_meeting(days_ahead=30)
    resident = person("resident@example.org")
    rsvp_respond(meeting=meeting, person=resident, response="attending")
    assert meeting_reminders_send() == 0  # a month away: not yet
    soon = meeting.start - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert meeting_reminders_send(now=soon) >= 1
        assert meeting_reminders_send(now=soon) == 0
