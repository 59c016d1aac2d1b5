import pytest
from django.core import mail

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
    assert Advocacy.objects.filter(resident=rosa, advocate=chidi).exists()
    assert mail.outbox[-1].to == [chidi.email]

    client.logout()
    sign_in(client, chidi.email)
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
    advocacy = Advocacy.objects.create(resident=rosa, advocate=chidi)
    sign_in(client, rosa.email)
    assert str(chidi) in client.get("/portal/advocates/").content.decode()
    client.post("/portal/advocates/", {"remove": advocacy.pk})
    assert not Advocacy.objects.exists()
    client.logout()
    sign_in(client, chidi.email)
    assert client.get(f"/portal/for/{rosa.pk}/preferences/").status_code == 404


def test_advocate_must_have_an_account_and_not_be_yourself(client, rosa):
    sign_in(client, rosa.email)
    page = client.post("/portal/advocates/", {"email": "nobody@example.org"})
    assert "Nobody has an account with this email address." in page.content.decode()
    page = client.post("/portal/advocates/", {"email": rosa.email})
    assert "You cannot be your own advocate." in page.content.decode()
    assert not Advocacy.objects.exists()
