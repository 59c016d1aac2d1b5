"""A portal table at 390 px: each row stacks, so a claim's "Remove" button is on
the screen (it was cut off), nothing sticks out sideways, and axe finds nothing."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, browser_sign_in
from tests.browser.test_portal import OVERFLOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_claims_costs_fit_a_390_px_screen(demo_site, page):
    from portal.expenses.models import ExpenseClaim

    claim = (
        ExpenseClaim.objects.filter(
            claimant__email="chair@example.org",
            status__in=["draft", "queried"],
            lines__isnull=False,
        )
        .distinct()
        .first()
    )
    page.set_viewport_size({"width": 390, "height": 900})
    browser_sign_in(page, demo_site, "chair@example.org")
    page.goto(f"{demo_site}/portal/expenses/{claim.pk}/")
    remove = page.get_by_role("button", name="Remove").first
    expect(remove).to_be_visible()
    box = remove.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate(OVERFLOW) <= 0
    assert axe_violations(page) == []
