"""Scrutiny reviews: the landlord answers each recommendation once, with reasons;
accepted ones become actions; the review's page tells the whole story in public."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.models import User
from portal.actions.models import Action
from portal.core.dates import london_today
from portal.core.models import AuditEntry
from portal.scrutiny.models import Recommendation, ScrutinyReview
from portal.scrutiny.selectors import recommendations_summary
from portal.scrutiny.services import recommendation_respond
from tests.concurrency import race_with_messages
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

TODAY = london_today()


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def review():
    return ScrutinyReview.objects.get()


@pytest.fixture
def waiting(review):
    return Recommendation.objects.create(
        review=review, text="Publish repair times every month.", made_on=TODAY
    )


def test_demo_review_tells_the_whole_story_in_public(client, review):
    html = client.get(f"/what-we-are-doing/scrutiny/{review.pk}/").content.decode()
    assert review.title in html
    assert "What the review looked at" in html
    # The whole story: scope, evidence, the panel's meetings, then responses.
    assert review.evidence and "Evidence" in html
    meetings = list(review.meetings.live())
    assert meetings and all(meeting.url in html for meeting in meetings)
    for label in ("Accepted", "Accepted in part", "Not accepted"):
        assert f"<strong>{label}</strong>" in html
    assert "Dehumidifiers treat the symptom" in html
    assert "on time, on" in html  # the part accepted is done
    assert "/what-we-are-doing/" in html
    assert client.get("/what-we-are-doing/scrutiny/").status_code == 200
    assert client.get("/what-we-are-doing/scrutiny/99999/").status_code == 404


def test_accepting_makes_an_action_and_is_audited(waiting):
    officer = person("officer@example.org")
    recommendation_respond(
        recommendation=waiting,
        actor=officer,
        response="accepted",
        due_on=TODAY + datetime.timedelta(days=30),
        owner_team="Repairs team",
    )
    waiting.refresh_from_db()
    assert waiting.action.source == "scrutiny"
    assert waiting.action.title == "Publish repair times every month."
    assert AuditEntry.objects.filter(
        action="scrutiny.respond", object_id=str(waiting.pk), to_state="accepted"
    ).exists()
    with pytest.raises(ValidationError):
        recommendation_respond(
            recommendation=waiting, actor=officer, response="rejected", reason="No"
        )


def test_answering_is_a_lifecycle_from_waiting():
    assert Recommendation.lifecycle.table() == [
        ("accept", [""], "accepted"),
        ("accept_in_part", [""], "partly"),
        ("reject", [""], "rejected"),
    ]


def test_a_second_answer_from_a_stale_copy_is_refused_and_the_first_stands(waiting):
    """Two staff opened the same recommendation: the first accepts it, the
    second, still looking at the waiting copy, is told it was already answered."""
    stale = Recommendation.objects.get(pk=waiting.pk)
    officer, admin = person("officer@example.org"), person("admin@example.org")
    recommendation_respond(
        recommendation=waiting,
        actor=officer,
        response="accepted",
        due_on=TODAY + datetime.timedelta(days=30),
    )
    actions = Action.objects.count()
    with pytest.raises(ValidationError) as refused:
        recommendation_respond(
            recommendation=stale, actor=admin, response="rejected", reason="Too costly"
        )
    assert refused.value.messages == [
        "This recommendation has already been answered (accepted)."
    ]
    fresh = Recommendation.objects.get(pk=waiting.pk)
    assert (fresh.response, fresh.responded_by, fresh.response_reason) == (
        "accepted",
        officer,
        "",
    )
    assert Action.objects.count() == actions
    answered = AuditEntry.objects.get(
        action="scrutiny.respond", object_id=str(waiting.pk)
    )
    assert (answered.actor, answered.from_state, answered.to_state) == (
        officer,
        "",
        "accepted",
    )


@pytest.mark.postgres
def test_two_staff_answering_at_once_leave_one_answer(demo_data):
    """Accept and reject at the same moment: one answer is saved, the other is
    told it was already answered, and an action exists only if accepting won."""
    waiting = Recommendation.objects.create(
        review=ScrutinyReview.objects.get(), text="Answer calls faster.", made_on=TODAY
    )
    actions = Action.objects.count()
    (accepted, accept_message), (rejected, reject_message) = race_with_messages(
        lambda: recommendation_respond(
            recommendation=Recommendation.objects.get(pk=waiting.pk),
            actor=person("officer@example.org"),
            response="accepted",
            due_on=TODAY + datetime.timedelta(days=30),
        ),
        lambda: recommendation_respond(
            recommendation=Recommendation.objects.get(pk=waiting.pk),
            actor=person("admin@example.org"),
            response="rejected",
            reason="Too costly",
        ),
    )
    assert sorted([accepted, rejected]) == ["done", "refused"]
    final = Recommendation.objects.get(pk=waiting.pk)
    assert final.response == ("accepted" if accepted == "done" else "rejected")
    label = final.get_response_display().lower()
    assert (accept_message or reject_message) == (
        f"This recommendation has already been answered ({label})."
    )
    assert Action.objects.count() == actions + (accepted == "done")
    assert (final.action_id is not None) == (accepted == "done")
    assert (
        AuditEntry.objects.filter(
            action="scrutiny.respond", object_id=str(waiting.pk)
        ).count()
        == 1
    )


def test_bad_responses_are_refused_with_reasons(waiting):
    officer = person("officer@example.org")
    with pytest.raises(ValidationError) as error:
        recommendation_respond(
            recommendation=waiting, actor=officer, response="rejected"
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        recommendation_respond(
            recommendation=waiting, actor=officer, response="partly", reason="Some"
        )
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        recommendation_respond(
            recommendation=waiting,
            actor=officer,
            response="accepted",
            due_on=TODAY - datetime.timedelta(days=1),
        )
    with pytest.raises(PermissionDenied):
        recommendation_respond(
            recommendation=waiting,
            actor=person("chair@example.org"),
            response="accepted",
            due_on=TODAY,
        )
    waiting.refresh_from_db()
    assert waiting.response == "" and waiting.action is None


def test_staff_respond_screen_shows_errors_next_to_fields(client, waiting):
    sign_in(client, "officer@example.org")
    url = f"/admin/scrutiny_recommendations/{waiting.pk}/respond/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"response": "rejected", "reason": ""})
    assert response.status_code == 200
    assert "Give the reasons residents will read" in response.content.decode()
    response = client.post(url, {"response": "rejected", "reason": "Too costly."})
    assert response.status_code == 302
    assert client.get("/admin/scrutiny_recommendations/").status_code == 200


def test_respond_screen_reads_uk_dates_and_keeps_a_bad_one(client, waiting):
    sign_in(client, "officer@example.org")
    url = f"/admin/scrutiny_recommendations/{waiting.pk}/respond/"
    assert 'type="date"' not in client.get(url).content.decode()
    form = {
        "response": "accepted",
        "reason": "",
        "action_title": "Publish repair times each month",
        "due_on": "2027-13-40",
        "owner_team": "Repairs",
    }
    response = client.post(url, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date as day/month/year" in html
    assert "There is a problem" in html
    assert 'value="2027-13-40"' in html and "Publish repair times each month" in html
    waiting.refresh_from_db()
    assert waiting.response == ""
    due = TODAY + datetime.timedelta(days=60)
    response = client.post(url, {**form, "due_on": due.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.response, waiting.action.due_on) == ("accepted", due)


def test_recommendations_summary_for_reports():
    summary = recommendations_summary(
        start=TODAY - datetime.timedelta(days=365), end=TODAY
    )
    assert summary == {
        "made": 3,
        "accepted": 2,
        "rejected": 1,
        "awaiting": 0,
        "implemented": 1,
        "implemented_on_time": 1,
    }
