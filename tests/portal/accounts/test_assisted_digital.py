import pytest

from portal.accounts.models import ContactPreferences, ResidentProfile, User
from portal.core.models import AuditEntry
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

URL = "/admin/resident_profiles/assisted/"


def form(**overrides):
    return {
        "first_name": "Doris",
        "last_name": "Day",
        "email": "",
        "phone": "01632 960000",
        "uprn": "100023000500",
        "tenancy_reference": "T000500",
        "channel": "phone",
        "checked": "on",
        **overrides,
    }


def test_an_officer_sets_up_a_resident_who_phoned(client):
    sign_in(client, "officer@example.org")
    assert "How did they contact us?" in client.get(URL).content.decode()
    response = client.post(URL, form())
    assert response.status_code == 302
    profile = ResidentProfile.objects.get(user__first_name="Doris")
    assert profile.is_verified
    assert profile.assisted_by.email == "officer@example.org"
    assert profile.assisted_channel == "phone"
    doris = profile.user
    assert doris.email == f"no-email-{doris.pk}@invalid.example"
    assert not doris.has_usable_password()
    prefs = ContactPreferences.objects.get(user=doris)
    assert prefs.channels == ["phone"]
    entry = AuditEntry.objects.get(action="resident.assisted_registration")
    assert (entry.actor.email, entry.acting_for, entry.details) == (
        "officer@example.org",
        doris,
        {"channel": "phone"},
    )


def test_unchecked_assisted_claims_wait_in_the_queue(client):
    sign_in(client, "officer@example.org")
    client.post(URL, form(checked="", email="doris@example.org", channel="paper"))
    profile = ResidentProfile.objects.get(user__email="doris@example.org")
    assert profile.status == "pending"
    assert ContactPreferences.objects.get(user=profile.user).channels == [
        "email",
        "phone",
    ]


def test_assisted_registration_explains_bad_input_and_keeps_it(client):
    sign_in(client, "officer@example.org")
    page = client.post(
        URL, form(uprn="999", email="resident@example.org", first_name="")
    ).content.decode()
    assert "No property has this UPRN." in page
    assert "This field is required." in page
    assert 'value="resident@example.org"' in page
    assert not User.objects.filter(last_name="Day").exists()
    page = client.post(URL, form(email="Resident@Example.org")).content.decode()
    assert "Someone already has an account with this email address." in page


@pytest.mark.parametrize("email", ["resident@example.org", "editor@example.org"])
def test_only_verifying_staff_can_set_up_residents(client, email):
    sign_in(client, email)
    assert client.post(URL, form()).status_code == 302
    assert not User.objects.filter(first_name="Doris").exists()
