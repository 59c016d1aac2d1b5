import json

import pytest
from allauth.account.models import EmailAddress

from portal.accounts.factories import UserFactory
from portal.accounts.models import AccessNeeds, ResidentProfile, User
from portal.core.models import AuditEntry
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_a_resident_downloads_their_own_data_only(
    client, django_assert_max_num_queries
):
    other = UserFactory(email="neighbour@example.org")
    AccessNeeds.objects.create(
        user=other, bsl_signer=True, consent_given_at="2026-01-01T00:00Z"
    )
    sign_in(client, "resident@example.org")
    client.post("/portal/access-needs/", {"step_free": "on", "consent": "on"})
    assert "Download my information" in client.get("/portal/my-data/").content.decode()
    # One query per kind of record in the personal-data register (about 40) and
    # per source of the involvement record, whatever the size of the history.
    from portal.core.involvement import sources
    from portal.core.personal_data import holdings

    with django_assert_max_num_queries(len(holdings()) + len(sources()) + 6):
        response = client.get("/portal/my-data/?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "resident@example.org"
    assert data["home"]["address"] == "Flat 60, Barge House, RV1 3EF"
    assert data["access_needs"]["step_free"] is True
    assert data["access_needs"]["bsl_signer"] is False
    assert "neighbour@example.org" not in response.content.decode()
    assert any(
        a["action"] == "resident.home_claimed"
        for a in data["your_actions_in_our_records"]
    )


def test_closing_an_account_removes_personal_data_and_keeps_decisions(client):
    sign_in(client, "resident@example.org")
    rosa = User.objects.get(email="resident@example.org")
    claim = AuditEntry.objects.get(actor=rosa, action="resident.home_claimed")
    page = client.post("/portal/close-account/", {"password": "wrong"}).content.decode()
    assert "That password is not right." in page
    assert "Tick the box to confirm." in page

    response = client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    assert response.status_code == 302
    rosa.refresh_from_db()
    assert rosa.email == f"closed-account-{rosa.pk}@invalid.example"
    assert not rosa.is_active and not rosa.has_usable_password()
    assert (rosa.first_name, rosa.last_name) == ("", "")
    assert not ResidentProfile.objects.filter(user=rosa).exists()
    assert not EmailAddress.objects.filter(user=rosa).exists()
    claim.refresh_from_db()
    assert claim.actor == rosa  # kept, now anonymous
    assert AuditEntry.objects.filter(
        action="account.closed", object_id=str(rosa.pk)
    ).exists()
    # Signed out, and the old email address no longer signs in.
    assert client.get("/portal/").status_code == 302
    client.post(
        "/accounts/login/",
        {"login": "resident@example.org", "password": "Involve-demo-2026"},
    )
    assert client.get("/portal/").status_code == 302


def test_staff_accounts_are_closed_by_an_administrator(client):
    sign_in(client, "officer@example.org")
    page = client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    ).content.decode()
    assert "Staff accounts are closed by an administrator." in page
    assert User.objects.get(email="officer@example.org").is_active


def test_closing_an_account_keeps_the_groups_records_and_removes_own_proof(client):
    """The chair uploaded the group's documents: they are the group's records and
    stay (no longer linked to the chair); a proof of address is deleted."""
    from portal.core.files import private_file_store
    from portal.core.models import PrivateFile
    from portal.groups.models import Document
    from tests.portal.grants.test_grants import pdf_upload

    chair = User.objects.get(email="chair@example.org")
    documents = Document.objects.filter(file__uploaded_by=chair)
    kept = set(documents.values_list("file", flat=True))
    assert kept, "the demo chair uploaded the group's documents"
    proof = private_file_store(
        upload=pdf_upload("proof.pdf"),
        uploaded_by=chair,
        content_type="application/pdf",
    )
    ResidentProfile.objects.filter(user=chair).update(evidence=proof)

    sign_in(client, "chair@example.org")
    response = client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )

    assert response.status_code == 302
    assert (
        set(PrivateFile.objects.filter(pk__in=kept).values_list("pk", flat=True))
        == kept
    )
    assert not PrivateFile.objects.filter(uploaded_by=chair).exists()
    assert not PrivateFile.objects.filter(pk=proof.pk).exists()
