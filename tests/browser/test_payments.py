"""Payments in a real browser: axe on the bank details form (also with errors) and
on the finance back office (due payments, a run, the bank details check)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bank_details_form_passes_axe_with_and_without_errors(demo_site, page):
    browser_sign_in(page, demo_site, "chair@example.org")
    page.goto(demo_site + "/portal/bank-details/")
    found = {"form": axe_violations(page)}
    expect(page.get_by_text("account ending 6789")).to_be_visible()
    page.get_by_role("button", name="Save the bank details").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["errors"] = axe_violations(page)
    assert found == {"form": [], "errors": []}


def test_finance_pages_have_no_wcag_violations(demo_site, page):
    from portal.accounts.models import User
    from portal.groups.models import Group
    from portal.payments.models import BankDetails
    from portal.payments.services import payment_due, payment_run_create

    finance = User.objects.get(email="finance@example.org")
    anchor = Group.objects.get(name__startswith="Anchor House")
    payment_due(
        source=anchor, amount=10, reference="TEST-1", payee_group=anchor, actor=finance
    )
    run = payment_run_create(actor=finance)
    second = payment_due(
        source=anchor, amount=5, reference="TEST-2", payee_group=anchor, actor=finance
    )
    pending = BankDetails.objects.get(status="pending")
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            "/admin/payments/",
            f"/admin/payments/runs/{run.pk}/",
            "/admin/bank_details/",
            f"/admin/bank_details/{pending.pk}/decide/",
            f"/admin/payments/{second.pk}/other-way/",
        ],
    )
    assert found == {path: [] for path in found}
