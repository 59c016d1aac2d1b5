"""The claimant's own pages: their claims and each claim's lines and timeline."""

import pytest

from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_resident_sees_their_claim_with_explanations_and_timeline(client):
    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    sign_in(client, "resident@example.org")
    page = client.get("/portal/expenses/").content.decode()
    assert claim.reference in page
    page = client.get(f"/portal/expenses/{claim.pk}/").content.decode()
    assert "14 miles at 45p a mile" in page
    assert "Submitted" in page
    assert "Expense claim submitted" in page


def test_others_get_404(client):
    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    sign_in(client, "neighbour@example.org")
    assert client.get(f"/portal/expenses/{claim.pk}/").status_code == 404
    assert claim.reference not in client.get("/portal/expenses/").content.decode()


def test_anonymous_sent_to_sign_in(client):
    response = client.get("/portal/expenses/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_query_counts_do_not_grow(client, django_assert_max_num_queries):
    chair_claims = ExpenseClaim.objects.filter(claimant__email="chair@example.org")
    claim = chair_claims.first()
    ExpenseClaim.objects.bulk_create(
        [
            ExpenseClaim(
                claimant=claim.claimant,
                activity="meeting",
                description=f"Extra {i}",
                activity_date=claim.activity_date,
            )
            for i in range(200)
        ]
    )
    sign_in(client, "chair@example.org")
    with django_assert_max_num_queries(18):
        assert client.get("/portal/expenses/").status_code == 200
    # 20 for the page, up to 4 for the claimant's own checks (duplicates, policy).
    with django_assert_max_num_queries(24):
        assert client.get(f"/portal/expenses/{claim.pk}/").status_code == 200
