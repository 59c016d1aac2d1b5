import pytest
from django.utils import timezone

from portal.accounts.models import ResidentProfile
from portal.core.models import AuditEntry
from portal.housing.models import Property
from portal.participation.services import rsvp_respond
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

ANCHOR_FLAT = "100023000012"  # the chair's verified home in the demo register


@pytest.fixture
def newcomer(client):
    from portal.accounts.factories import UserFactory

    user = UserFactory(email="new.tenant@example.org")
    sign_in(client, user.email)
    return user


def test_claiming_a_home_needs_sign_in(client):
    response = client.get("/portal/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_newcomer_is_told_what_they_cannot_do_yet(client, newcomer):
    page = client.get("/portal/").content.decode()
    assert "Tell us where you live" in page
    assert "you cannot join a residents’ association" in page


def test_a_bad_postcode_is_explained_and_kept(client, newcomer):
    page = client.get("/portal/home/", {"postcode": "R1"}).content.decode()
    assert "There is a problem" in page
    assert "Enter a full UK postcode, like RV1 3AB." in page
    assert 'value="R1"' in page


def test_a_postcode_with_no_homes_says_so(client, newcomer):
    page = client.get("/portal/home/", {"postcode": "SW1A 1AA"}).content.decode()
    assert "We have no homes at that postcode in our records." in page


def test_a_resident_claims_their_home_for_checking(client, newcomer):
    home = Property.objects.get(uprn=ANCHOR_FLAT)
    page = client.get(
        "/portal/home/", {"postcode": home.postcode.lower()}
    ).content.decode()
    assert "Flat 12, Anchor House, Wharf Estate" in page

    url = f"/portal/home/?postcode={home.postcode}"
    missing = client.post(url, {"tenancy_reference": "T123"})
    assert "Choose your address from the list." in missing.content.decode()
    assert 'value="T123"' in missing.content.decode()
    assert not ResidentProfile.objects.filter(user=newcomer).exists()

    response = client.post(url, {"home": home.pk, "tenancy_reference": " T123 "})
    assert response.status_code == 302 and response["Location"] == "/portal/"
    profile = ResidentProfile.objects.get(user=newcomer)
    assert (profile.home, profile.tenancy_reference, profile.status) == (
        home,
        "T123",
        ResidentProfile.Status.PENDING,
    )
    assert AuditEntry.objects.filter(
        action="resident.home_claimed", object_id=str(profile.pk), to_state="pending"
    ).exists()
    dashboard = client.get("/portal/").content.decode()
    assert "Waiting for us to check" in dashboard
    assert "Flat 12, Anchor House" in dashboard


def test_an_address_from_another_postcode_cannot_be_smuggled_in(client, newcomer):
    home = Property.objects.get(uprn=ANCHOR_FLAT)
    elsewhere = Property.objects.exclude(postcode=home.postcode).first()
    response = client.post(
        f"/portal/home/?postcode={home.postcode}",
        {"home": elsewhere.pk, "tenancy_reference": "T1"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ResidentProfile.objects.filter(user=newcomer).exists()


def test_moving_home_sends_a_verified_resident_back_for_checking(client):
    sign_in(client, "chair@example.org")
    profile = ResidentProfile.objects.get(user__email="chair@example.org")
    assert profile.is_verified
    new_home = Property.objects.get(uprn="100023000300")
    client.post(
        f"/portal/home/?postcode={new_home.postcode}",
        {"home": new_home.pk, "tenancy_reference": "T999"},
    )
    profile.refresh_from_db()
    assert profile.home == new_home and profile.status == "pending"
    assert profile.decided_by is None


def test_dashboard_query_count_is_pinned(client, django_assert_max_num_queries):
    from portal.accounts.factories import UserFactory
    from portal.accounts.models import Advocacy, User

    sign_in(client, "chair@example.org")
    client.get("/portal/")
    # Every card's queries: see tests/portal/core/test_dashboard.py.
    with django_assert_max_num_queries(50):
        page = client.get("/portal/").content.decode()
    assert "Verified" in page
    assert "Anchor House Tenants’ and Residents’ Association" in page
    chair = User.objects.get(email="chair@example.org")
    for _ in range(5):
        Advocacy.objects.create(
            resident=UserFactory(), advocate=chair, accepted_at=timezone.now()
        )
    for n in range(3):
        rsvp_respond(
            meeting=make_meeting(days_ahead=30 + n), person=chair, response="attending"
        )
    with django_assert_max_num_queries(50):
        page = client.get("/portal/").content.decode()
    assert page.count("/access-needs/") >= 5
    assert page.count("Place confirmed") >= 3


def test_a_changed_claim_is_a_move_that_clears_the_old_decision():
    """A rejected resident claims again: the claim goes back to waiting through
    the lifecycle's `reclaim` move, the old decision (who, when, why) is cleared
    so the queue shows it afresh, and the history records the move."""
    from portal.accounts.models import User
    from portal.accounts.services import resident_home_claim, resident_profile_decide

    assert "reclaim" in ResidentProfile.lifecycle.moves_from("verified")
    profile = ResidentProfile.objects.get(user__email="chair@example.org")
    officer = User.objects.get(email="officer@example.org")
    ResidentProfile.objects.filter(pk=profile.pk).update(status="pending")
    resident_profile_decide(
        profile=profile, officer=officer, verified=False, reason="No such tenancy"
    )
    new_home = Property.objects.get(uprn="100023000300")
    claimed = resident_home_claim(
        user=profile.user, home=new_home, tenancy_reference=" T999 "
    )
    fresh = ResidentProfile.objects.get(pk=profile.pk)
    assert claimed.status == fresh.status == "pending"
    assert (fresh.home, fresh.tenancy_reference) == (new_home, "T999")
    assert (fresh.decided_by, fresh.decided_at, fresh.decision_reason) == (
        None,
        None,
        "",
    )
    entry = AuditEntry.objects.filter(object_id=str(profile.pk)).latest("pk")
    assert (entry.action, entry.actor, entry.from_state, entry.to_state) == (
        "resident.home_claimed",
        profile.user,
        "rejected",
        "pending",
    )
    assert entry.details == {"property": new_home.pk}
