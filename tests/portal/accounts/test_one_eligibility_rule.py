"""One rule for taking part where it depends on a person's home (issue 16): a
consultation, a meeting and a grant scheme tell a visitor, a resident whose home
we have not checked and one whose home we have the same true thing, in the same
words, with what to do."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms.consultations.models import ConsultationPage
from portal.accounts.eligibility import home_not_checked_reason, take_part
from portal.accounts.models import ResidentProfile, User
from portal.grants.models import GrantScheme
from portal.participation.models import Rsvp
from portal.participation.services import rsvp_respond
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

NOT_CHECKED = "We have not checked your home yet"


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def resident_scheme():
    """A grant any resident may apply for (no group needed)."""
    scheme = GrantScheme.objects.get(name="Annual running costs grant")
    scheme.pk = scheme.id = None
    scheme.name = "Street party fund"
    scheme.applicant = GrantScheme.Applicant.RESIDENT
    scheme.opens_on = scheme.closes_on = None
    scheme.is_active = True
    scheme.save()
    return scheme


# ------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    ("email", "status", "says"),
    [
        ("officer@example.org", None, "Tell us where you live"),
        ("resident@example.org", "pending", "usually do within 5 working days"),
        ("resident@example.org", "rejected", "not been able to check your home"),
        ("chair@example.org", "verified", ""),
    ],
)
def test_each_state_of_a_home_has_one_message_saying_what_to_do(email, status, says):
    user = person(email)
    if status:
        ResidentProfile.objects.filter(user=user).update(status=status)
    reason = home_not_checked_reason(user)
    assert (says in reason) if says else reason == ""
    assert take_part(user, needs_checked_home=True) == (not reason, reason)
    assert take_part(user, needs_checked_home=False) == (True, "")


def test_a_visitor_is_asked_to_sign_in_whatever_is_offered():
    from django.contrib.auth.models import AnonymousUser

    for needs in (True, False):
        allowed, reason = take_part(AnonymousUser(), needs_checked_home=needs)
        assert not allowed and "Sign in" in reason


def test_a_home_checked_after_the_person_was_loaded_counts_at_once():
    """A service may hold a person loaded before staff checked their home."""
    resident = person("resident@example.org")
    assert home_not_checked_reason(resident)
    ResidentProfile.objects.filter(user=resident).update(status="verified")
    assert home_not_checked_reason(resident) == ""


# ------------------------------------------------------------- consultations


def test_a_consultation_for_everyone_lets_an_unchecked_resident_answer(client):
    survey = ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )
    sign_in(client, "resident@example.org")
    page = client.get(survey.url).content.decode()
    assert NOT_CHECKED not in page
    assert client.get(survey.url + "respond/").status_code == 200


def test_a_consultation_for_checked_homes_gives_the_one_message(client):
    targeted = ConsultationPage.objects.get(slug="estate-cleaning")
    reason = home_not_checked_reason(person("resident@example.org"))
    sign_in(client, "resident@example.org")
    assert reason in client.get(targeted.url).content.decode()
    refused = client.get(targeted.url + "respond/")
    assert refused.status_code == 403
    assert reason in refused.content.decode()


# ------------------------------------------------------------------ meetings


def test_meetings_are_open_to_a_resident_whose_home_is_not_checked(client):
    meeting = make_meeting()
    sign_in(client, "resident@example.org")
    page = client.get(meeting.url).content.decode()
    assert f"/portal/meetings/{meeting.pk}/reply/" in page
    assert NOT_CHECKED not in page
    response = client.post(
        f"/portal/meetings/{meeting.pk}/reply/",
        {"response": "attending", "access_needs": "", "comments": ""},
    )
    assert response.status_code == 302
    assert Rsvp.objects.filter(meeting=meeting, person__email="resident@example.org")


def test_a_visitor_is_asked_to_sign_in_to_reply(client):
    meeting = make_meeting()
    page = client.get(meeting.url).content.decode()
    assert "Sign in to say you are coming" in page
    assert client.get(f"/portal/meetings/{meeting.pk}/reply/").status_code == 302


def test_a_meeting_that_is_off_is_refused_by_the_same_check():
    meeting = make_meeting()
    meeting.status = meeting.Status.CANCELLED
    with pytest.raises(ValidationError, match="not going ahead"):
        rsvp_respond(
            meeting=meeting, person=person("chair@example.org"), response="attending"
        )


# ---------------------------------------------------------------- grant schemes


def test_a_resident_grant_gives_an_unchecked_resident_the_one_message(
    client, resident_scheme
):
    reason = home_not_checked_reason(person("resident@example.org"))
    sign_in(client, "resident@example.org")
    page = client.get("/portal/grants/").content.decode()
    assert resident_scheme.name in page
    assert reason in page


def test_a_resident_grant_is_open_to_a_checked_resident(client, resident_scheme):
    from portal.grants.eligibility import verdicts

    chair = person("chair@example.org")
    (verdict,) = verdicts(user=chair, group=None, schemes=[resident_scheme])
    assert verdict.can_apply, [rule.reason for rule in verdict.unmet]
    (unchecked,) = verdicts(
        user=person("resident@example.org"), group=None, schemes=[resident_scheme]
    )
    assert not unchecked.can_apply
    assert unchecked.unmet[0].reason == home_not_checked_reason(
        person("resident@example.org")
    )
