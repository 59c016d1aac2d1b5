import pytest

from portal.expenses.models import ExpenseClaim, ExpensePolicy, PreApproval

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


def test_demo_policy_has_every_kind_and_pre_approvals_exist():
    from portal.core.dates import london_today
    from portal.expenses.models import ExpenseCategory
    from portal.expenses.selectors import policy_on

    kinds = {category.kind for category in policy_on(london_today()).categories.all()}
    assert kinds == set(ExpenseCategory.Kind.values)
    assert set(PreApproval.objects.values_list("claimant__email", "status")) == {
        ("resident@example.org", "approved"),
        ("chair@example.org", "pending"),
    }
