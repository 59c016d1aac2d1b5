import pytest

from portal.expenses.models import ExpenseClaim, ExpensePolicy

pytestmark = pytest.mark.django_db


def test_demo_has_two_policy_versions_and_claims_in_each_state():
    assert ExpensePolicy.objects.count() >= 2
    states = set(ExpenseClaim.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "queried", "approved", "rejected", "paid"} <= states
    main = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    kinds = {line.category.kind for line in main.lines.all()}
    assert kinds == {"mileage", "care"}
    assert main.lines.get(category__kind="care").receipt is not None
    assert main.meeting is not None
