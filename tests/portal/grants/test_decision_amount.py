"""The decision screen's amount is a money box (`PoundsField`): a "£" before a
text box, "1,250.50" accepted, nonsense explained beside the box and kept."""

from decimal import Decimal

import pytest

from portal.grants.models import GrantApplication, GrantScheme
from portal.groups.models import Group
from tests.conftest import sign_in
from tests.portal.grants.test_grants import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    scheme = GrantScheme.objects.get(name="Annual running costs grant")
    return submitted(scheme, Group.objects.get(name__startswith="Anchor House"))


def test_the_amount_to_approve_is_typed_in_pounds_with_commas(client, application):
    sign_in(client, "officer@example.org")
    url = f"/admin/grant_applications/{application.pk}/decide/"
    page = client.get(url).content.decode()
    assert 'class="pounds-input__prefix"' in page
    assert 'type="number"' not in page
    response = client.post(
        url, {"decision": "approve", "amount": "1,2.50", "reason": "Part"}
    )
    page = response.content.decode()
    assert "Enter an amount in pounds, like 25.50 or 1,250." in page
    assert 'value="1,2.50"' in page
    application.refresh_from_db()
    assert application.status == GrantApplication.Status.SUBMITTED
    response = client.post(
        url, {"decision": "approve", "amount": "£200", "reason": "Part of it"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.amount_approved == Decimal("200.00")
