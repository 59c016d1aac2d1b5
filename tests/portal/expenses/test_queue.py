"""The approvers' queue: a flat query count with 100,000 claims; residents kept out."""

import datetime

import pytest

from portal.accounts.models import User
from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_queue_query_count_is_pinned_with_100000_claims(
    client, django_assert_max_num_queries
):
    resident = User.objects.get(email="resident@example.org")
    neighbour = User.objects.get(email="neighbour@example.org")
    statuses = [s for s, _ in ExpenseClaim.Status.choices]
    ExpenseClaim.objects.bulk_create(
        [
            ExpenseClaim(
                claimant=resident if i % 2 else neighbour,
                activity="meeting",
                description=f"Panel {i}",
                activity_date=datetime.date(2026, 1, 1) + datetime.timedelta(i % 300),
                status=statuses[i % len(statuses)],
            )
            for i in range(100_000)
        ],
        batch_size=5000,
    )
    sign_in(client, "officer@example.org")
    with django_assert_max_num_queries(14):
        response = client.get("/admin/expense_claims/")
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get("/admin/expense_claims/?status=submitted&p=3")
    assert response.status_code == 200
    assert "Panel" in response.content.decode()


def test_officer_can_export_and_resident_cannot_see_queue(client):
    sign_in(client, "officer@example.org")
    response = client.get("/admin/expense_claims/?export=csv")
    assert response.status_code == 200
    client.logout()
    sign_in(client, "resident@example.org")
    assert client.get("/admin/expense_claims/").status_code in (302, 403)


def test_nobody_adds_or_edits_a_claim_by_hand_in_the_admin(client):
    """Claims come from residents and change only through the decision screen;
    the admin's own add and edit forms are refused, administrators included
    (a generated form post once stored a claim with no activity date: a 500)."""
    claim = ExpenseClaim.objects.exclude(status=ExpenseClaim.Status.DRAFT).first()
    before = ExpenseClaim.objects.count()
    client.force_login(User.objects.get(email="admin@example.org"))
    for path in (
        "/admin/expense_claims/new/",
        f"/admin/expense_claims/edit/{claim.pk}/",
    ):
        assert client.post(path, {"late_reason": "typed by hand"}).status_code in (
            302,
            403,
        )
    assert ExpenseClaim.objects.count() == before
    claim.refresh_from_db()
    assert claim.late_reason != "typed by hand"
    queue = client.get("/admin/expense_claims/")
    assert queue.status_code == 200
    assert "/admin/expense_claims/new/" not in queue.content.decode()
