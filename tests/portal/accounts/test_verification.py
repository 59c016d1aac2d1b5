import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.factories import UserFactory
from portal.accounts.models import ResidentProfile, User
from portal.accounts.services import resident_home_claim, resident_profile_decide
from portal.core.models import AuditEntry
from portal.housing.models import Property
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    return ResidentProfile.objects.get(user__email="resident@example.org")


def decide_url(profile):
    return f"/admin/resident_profiles/{profile.pk}/decide/"


def test_the_officer_verifies_a_waiting_resident(client, pending):
    sign_in(client, "officer@example.org")
    queue = client.get("/admin/resident_profiles/?status=pending").content.decode()
    assert "resident@example.org" in queue or "Rosa Resident" in queue
    page = client.get(decide_url(pending)).content.decode()
    assert pending.tenancy_reference in page
    response = client.post(decide_url(pending), {"decision": "verify", "reason": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_verified
    assert pending.decided_by.email == "officer@example.org"
    entry = AuditEntry.objects.get(
        action="resident.verified", object_id=str(pending.pk)
    )
    assert (entry.from_state, entry.to_state) == ("pending", "verified")

    client.logout()
    sign_in(client, "resident@example.org")
    assert "Verified" in client.get("/portal/").content.decode()


def test_a_rejection_needs_a_reason_that_the_resident_sees(client, pending):
    sign_in(client, "officer@example.org")
    response = client.post(decide_url(pending), {"decision": "reject", "reason": " "})
    assert response.status_code == 200
    assert (
        "Say why, so the resident knows what to do next." in response.content.decode()
    )
    pending.refresh_from_db()
    assert pending.status == "pending"

    client.post(
        decide_url(pending),
        {"decision": "reject", "reason": "The reference does not match this flat."},
    )
    client.logout()
    sign_in(client, "resident@example.org")
    page = client.get("/portal/").content.decode()
    assert "Not verified" in page
    assert "The reference does not match this flat." in page


def test_a_decided_claim_cannot_be_decided_again(client, pending):
    officer = User.objects.get(email="officer@example.org")
    resident_profile_decide(profile=pending, officer=officer, verified=True)
    with pytest.raises(ValidationError, match="already been decided"):
        resident_profile_decide(
            profile=pending, officer=officer, verified=False, reason="x"
        )
    sign_in(client, "officer@example.org")
    response = client.post(decide_url(pending), {"decision": "reject", "reason": "x"})
    assert "already been decided" in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_verified


def test_nobody_verifies_their_own_home():
    officer = User.objects.get(email="officer@example.org")
    profile = resident_home_claim(
        user=officer, home=Property.objects.first(), tenancy_reference="T1"
    )
    with pytest.raises(PermissionDenied, match="cannot verify your own home"):
        resident_profile_decide(profile=profile, officer=officer, verified=True)
    profile.refresh_from_db()
    assert profile.status == "pending"


@pytest.mark.parametrize(
    "email", ["resident@example.org", "editor@example.org", "finance@example.org"]
)
def test_only_involvement_staff_can_decide(client, pending, email):
    sign_in(client, email)
    response = client.post(decide_url(pending), {"decision": "verify"})
    assert response.status_code == 302
    assert not response["Location"].endswith("/admin/resident_profiles/")
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_queue_query_count_does_not_grow(client, django_assert_max_num_queries):
    sign_in(client, "officer@example.org")
    client.get("/admin/resident_profiles/?status=pending")
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/resident_profiles/?status=pending")
    homes = list(Property.objects.all()[:15])
    users = [UserFactory(email=f"queue{n}@example.org") for n in range(15)]
    for user, home in zip(users, homes, strict=True):
        resident_home_claim(user=user, home=home, tenancy_reference="T")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/admin/resident_profiles/?status=pending").content.decode()
    assert str(users[-1]) in page
