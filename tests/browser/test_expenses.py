"""Expenses in a real browser: axe on the claimant's pages and the back office."""

import pytest

from tests.browser.test_accessibility import (
    AXE,
    WCAG_22_AA,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_claimant_pages_have_no_axe_violations(demo_site, page):
    from portal.expenses.models import ExpenseClaim

    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in ["/portal/expenses/", f"/portal/expenses/{claim.pk}/"]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_back_office_expenses_pages_have_no_wcag_violations(demo_site, page):
    from portal.expenses.models import ExpensePolicy

    policy = ExpensePolicy.objects.first()
    browser_sign_in_admin(page, demo_site)
    found = {}
    for path in [
        "/admin/expense_policies/",
        f"/admin/expense_policies/edit/{policy.pk}/",
        "/admin/expense_claims/",
    ]:
        page.goto(demo_site + path)
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA[:-1]}}
        response = AXE.run(page, options=options).response
        found[path] = [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in response["violations"]
        ]
    assert found == {path: [] for path in found}
