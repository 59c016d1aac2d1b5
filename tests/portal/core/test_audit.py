import pytest

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.core.selectors import audit_trail_for
from portal.core.services import audit_record
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_audit_record_keeps_who_what_and_why():
    officer = User.objects.get(email="officer@example.org")
    resident = User.objects.get(email="resident@example.org")
    audit_record(
        actor=officer,
        acting_for=resident,
        action="profile.verified",
        target=resident,
        from_state="pending",
        to_state="verified",
        reason="Tenancy reference matches",
    )
    [entry] = audit_trail_for(resident)
    assert (entry.actor, entry.acting_for, entry.from_state, entry.to_state) == (
        officer,
        resident,
        "pending",
        "verified",
    )
    assert entry.reason == "Tenancy reference matches"
    # Named by kind and id, never by the person's name (shown at read time).
    assert entry.object_repr == f"user {resident.pk}"
    assert resident.get_full_name() not in entry.object_repr


def test_the_audit_log_cannot_be_edited_even_by_a_superuser(client):
    sign_in(client, "admin@example.org")
    resident = User.objects.get(email="resident@example.org")
    entry = audit_record(actor=None, action="test.done", target=resident)
    assert client.get("/admin/audit_log/").status_code == 200
    assert client.get("/admin/audit_log/new/").status_code in {302, 403}
    assert client.post(f"/admin/audit_log/delete/{entry.pk}/").status_code in {302, 403}
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("officer@example.org", 200),
        ("finance@example.org", 200),
        ("editor@example.org", 302),
        ("resident@example.org", 302),
    ],
)
def test_who_can_read_the_audit_log(client, email, status):
    sign_in(client, email)
    assert client.get("/admin/audit_log/").status_code == status
