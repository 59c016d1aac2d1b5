import re

import pytest

from portal.accounts.factories import UserFactory
from portal.accounts.models import AccessNeeds, ContactPreferences, EqualityMonitoring
from portal.core.models import AuditEntry, Topic
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_client(client):
    sign_in(client, "resident@example.org")
    return client


def test_contact_preferences_are_saved_for_the_person_only(resident_client):
    repairs = Topic.objects.create(name="Repairs")
    response = resident_client.post(
        "/portal/preferences/",
        {
            "by_email": "on",
            "by_sms": "on",
            "phone": "07700 900123",
            "large_print": "on",
            "language": "pl",
            "topics": [repairs.pk],
        },
    )
    assert response.status_code == 302
    prefs = ContactPreferences.objects.get(user__email="resident@example.org")
    assert prefs.channels == ["email", "sms"]
    assert prefs.large_print and prefs.language == "pl"
    assert list(prefs.topics.all()) == [repairs]
    # Saving again edits the same record.
    resident_client.post("/portal/preferences/", {"by_post": "on"})
    assert (
        ContactPreferences.objects.filter(user__email="resident@example.org").count()
        == 1
    )
    assert ContactPreferences.objects.get(
        user__email="resident@example.org"
    ).channels == ["post"]


def test_contact_preferences_explain_what_is_missing(resident_client):
    page = resident_client.post("/portal/preferences/", {"large_print": "on"})
    assert "Choose at least one way for us to contact you." in page.content.decode()
    page = resident_client.post(
        "/portal/preferences/", {"by_sms": "on"}
    ).content.decode()
    assert "Enter a phone number so we can text or call you." in page
    assert not ContactPreferences.objects.filter(
        user__email="resident@example.org"
    ).exists()


def test_access_needs_need_explicit_consent(resident_client):
    page = resident_client.post(
        "/portal/access-needs/", {"step_free": "on", "dietary": "Vegetarian"}
    ).content.decode()
    assert "Tick the box to agree, or we cannot keep this information." in page
    assert 'value="Vegetarian"' in page
    assert not AccessNeeds.objects.exists()

    resident_client.post(
        "/portal/access-needs/",
        {"step_free": "on", "interpreter": "on", "consent": "on"},
    )
    assert not AccessNeeds.objects.exists()  # interpreter needs a language

    response = resident_client.post(
        "/portal/access-needs/",
        {
            "step_free": "on",
            "interpreter": "on",
            "interpreter_language": "Somali",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    needs = AccessNeeds.objects.get(user__email="resident@example.org")
    assert needs.step_free and needs.interpreter_language == "Somali"
    assert needs.consent_given_at is not None
    assert AuditEntry.objects.filter(action="access_needs.consent_given").count() == 1


def test_withdrawing_consent_deletes_access_needs(resident_client):
    resident_client.post(
        "/portal/access-needs/", {"hearing_loop": "on", "consent": "on"}
    )
    assert (
        "Delete this information"
        in resident_client.get("/portal/access-needs/").content.decode()
    )
    resident_client.post("/portal/access-needs/", {"delete": "1"})
    assert not AccessNeeds.objects.exists()
    assert AuditEntry.objects.filter(action="access_needs.consent_withdrawn").exists()


def test_equality_answers_are_optional_and_can_be_deleted(resident_client):
    response = resident_client.post("/portal/about-you/", {})
    assert response.status_code == 302
    resident_client.post(
        "/portal/about-you/",
        {"age_band": "65_74", "ethnicity": "black_caribbean", "religion": "prefer_not"},
    )
    answers = EqualityMonitoring.objects.get(user__email="resident@example.org")
    assert (answers.age_band, answers.ethnicity) == ("65_74", "black_caribbean")
    resident_client.post("/portal/about-you/", {"delete": "1"})
    assert not EqualityMonitoring.objects.filter(
        user__email="resident@example.org"
    ).exists()


def test_equality_form_rejects_made_up_answers(resident_client):
    page = resident_client.post("/portal/about-you/", {"sex": "robot"}).content.decode()
    assert "Select a valid choice." in page


def test_one_person_never_sees_another_persons_answers(client):
    other = UserFactory(email="other@example.org")
    EqualityMonitoring.objects.create(user=other, religion="jewish")
    AccessNeeds.objects.create(
        user=other, bsl_signer=True, consent_given_at="2026-01-01T00:00Z"
    )
    sign_in(client, "resident@example.org")
    page = client.get("/portal/about-you/religion/").content.decode()
    assert 'value="jewish"' in page
    assert not re.search(r'value="jewish"[^>]*checked', page)
    page = client.get("/portal/access-needs/").content.decode()
    assert "checked" not in page.split("<form")[1].split("</form>")[0]


def test_equality_report_shows_only_totals_and_hides_small_groups(client):
    for n in range(6):
        EqualityMonitoring.objects.create(
            user=UserFactory(email=f"eq{n}@example.org"),
            age_band="65_74" if n < 5 else "16_24",
        )
    sign_in(client, "admin@example.org")
    page = client.get("/admin/equality/").content.decode()
    assert "6 people have answered." in page
    assert "<td>5</td>" in page  # 65 to 74
    assert "fewer than 5" in page  # the single 16 to 24 answer is withheld
    assert "eq0@example.org" not in page


@pytest.mark.parametrize("email", ["officer@example.org", "editor@example.org"])
def test_equality_report_needs_its_own_permission(client, email):
    sign_in(client, email)
    response = client.get("/admin/equality/")
    assert response.status_code == 302
