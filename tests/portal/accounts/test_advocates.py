import re

import pytest
from django.core import mail
from django.utils import timezone

from portal.accounts.models import AccessNeeds, Advocacy, ContactPreferences, User
from portal.core.models import AuditEntry
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa():
    return User.objects.get(email="resident@example.org")


@pytest.fixture
def chidi():
    return User.objects.get(email="chair@example.org")


def test_a_resident_names_an_advocate_who_then_acts_for_them(
    client, rosa, chidi, django_capture_on_commit_callbacks
):
    sign_in(client, rosa.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/advocates/", {"email": "Chair@Example.org"})
    assert response.status_code == 302
    advocacy = Advocacy.objects.get(resident=rosa, advocate=chidi)
    assert mail.outbox[-1].to == [chidi.email]
    # Rosa does not see them until they accept (nor whether the address exists).
    assert str(chidi) not in client.get("/portal/advocates/").content.decode()

    client.logout()
    sign_in(client, chidi.email)
    dashboard = client.get("/portal/").content.decode()
    assert "These people asked you to act for them:" in dashboard
    assert f"/portal/for/{rosa.pk}/access-needs/" not in dashboard
    assert client.get(f"/portal/for/{rosa.pk}/access-needs/").status_code == 404
    client.post("/portal/advocates/", {"accept": advocacy.pk})
    dashboard = client.get("/portal/").content.decode()
    assert f"/portal/for/{rosa.pk}/access-needs/" in dashboard
    page = client.get(f"/portal/for/{rosa.pk}/access-needs/").content.decode()
    assert f"You are acting for {rosa}." in page
    client.post(
        f"/portal/for/{rosa.pk}/access-needs/", {"hearing_loop": "on", "consent": "on"}
    )
    assert AccessNeeds.objects.get(user=rosa).hearing_loop
    assert not AccessNeeds.objects.filter(user=chidi).exists()
    consent = AuditEntry.objects.get(action="access_needs.consent_given")
    assert (consent.actor, consent.acting_for) == (chidi, rosa)
    client.post(f"/portal/for/{rosa.pk}/preferences/", {"by_post": "on"})
    assert ContactPreferences.objects.get(user=rosa).channels == ["post"]
    assert AuditEntry.objects.filter(
        action="contactpreferences.updated_by_advocate", actor=chidi, acting_for=rosa
    ).exists()


def test_nobody_else_can_act_for_a_resident(client, rosa):
    sign_in(client, "chair@example.org")
    assert client.get(f"/portal/for/{rosa.pk}/access-needs/").status_code == 404
    client.post(f"/portal/for/{rosa.pk}/preferences/", {"by_post": "on"})
    assert not ContactPreferences.objects.filter(user=rosa).exists()


def test_removing_an_advocate_ends_their_access(client, rosa, chidi):
    advocacy = Advocacy.objects.create(
        resident=rosa, advocate=chidi, accepted_at=timezone.now()
    )
    sign_in(client, rosa.email)
    assert str(chidi) in client.get("/portal/advocates/").content.decode()
    client.post("/portal/advocates/", {"remove": advocacy.pk})
    assert not Advocacy.objects.exists()
    client.logout()
    sign_in(client, chidi.email)
    assert client.get(f"/portal/for/{rosa.pk}/preferences/").status_code == 404


def test_naming_an_email_never_reveals_whether_it_has_an_account(client, rosa):
    """Finding 8: the page said "Nobody has an account with this email address"."""
    sign_in(client, rosa.email)
    client.get("/portal/")  # shows (and so clears) the "signed in" message
    seen = []
    for email in ["nobody@example.org", "chair@example.org"]:
        response = client.post("/portal/advocates/", {"email": email}, follow=True)
        page = response.content.decode()
        assert "If this email address has an account with us, we have asked them." in (
            page
        )
        assert "Nobody has an account" not in page
        seen.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page))
    assert seen[0] == seen[1]
    # Only the real account was asked; the other address led to nothing at all.
    assert list(Advocacy.objects.values_list("advocate__email", flat=True)) == [
        "chair@example.org"
    ]


def test_a_declined_request_is_gone_and_nobody_else_can_accept_it(client, rosa, chidi):
    advocacy = Advocacy.objects.create(resident=rosa, advocate=chidi)
    sign_in(client, "neighbour@example.org")
    client.post("/portal/advocates/", {"accept": advocacy.pk})
    advocacy.refresh_from_db()
    assert advocacy.accepted_at is None
    client.logout()
    sign_in(client, chidi.email)
    client.post("/portal/advocates/", {"decline": advocacy.pk})
    assert not Advocacy.objects.exists()


def test_you_cannot_be_your_own_advocate(client, rosa):
    sign_in(client, rosa.email)
    page = client.post("/portal/advocates/", {"email": rosa.email})
    assert "You cannot be your own advocate." in page.content.decode()
    assert not Advocacy.objects.exists()
