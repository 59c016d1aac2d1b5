"""The back office in a real browser: the staff home, the grouped menu with full
names, and every queue's decision screen at 1280 and 390 px with axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import wcag_violations as violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def cut_off(page) -> bool:
    """True if the page is wider than the window (something is cut off or the
    whole page scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")


def decision_screens():
    from portal.accounts.models import ResidentProfile
    from portal.evidence.models import Signature
    from portal.expenses.models import ExpenseClaim, PreApproval
    from portal.grants.models import GrantApplication
    from portal.groups.models import RecognitionApplication

    def first(model, **where):
        return model.objects.filter(**where).order_by("pk").first().pk

    return [
        f"/admin/resident_profiles/{first(ResidentProfile, status='pending')}/decide/",
        f"/admin/recognition_applications/{first(RecognitionApplication)}/decide/",
        f"/admin/signatures/{first(Signature, source='paper')}/check/",
        f"/admin/grant_applications/{first(GrantApplication, status='submitted')}"
        "/decide/",
        f"/admin/expense_claims/{first(ExpenseClaim, status='submitted')}/decide/",
        f"/admin/expense_pre_approvals/{first(PreApproval)}/decide/",
    ]


def test_officer_home_menu_and_decision_screens(demo_site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, demo_site, "officer@example.org")
    # The staff home says what waits.
    assert page.locator("[data-work-panel]").count() >= 8
    expect(page.get_by_role("link", name="Homes to check")).to_be_visible()
    assert violations(page) == []
    # Menu groups, with names shown whole.
    for group in ["Residents", "Groups", "Money", "Meetings and consultations"]:
        expect(page.get_by_role("button", name=group)).to_be_visible()
    truncated = page.evaluate(
        """[...document.querySelectorAll('.menuitem-label')]
             .filter(e => e.offsetWidth > 1 && e.scrollWidth > e.clientWidth + 1)
             .map(e => e.textContent.trim())"""
    )
    assert truncated == []
    page.get_by_role("button", name="Groups").click()
    expect(page.get_by_role("link", name="Sign-up rows to check")).to_be_visible()

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in decision_screens():
            page.goto(demo_site + path)
            # Home › the queue › this screen. Wagtail folds the trail behind a
            # toggle on wide screens, so read the links, shown or folded.
            crumbs = page.get_by_role("navigation", name="Breadcrumb").locator("a")
            hrefs = crumbs.evaluate_all("links => links.map(a => a.pathname)")
            queue = path.rsplit("/", 3)[0] + "/"
            assert hrefs[:2] == ["/admin/", queue], (path, hrefs)
            assert violations(page) == [], (width, path)
            assert not cut_off(page), (width, path)


def test_finance_bank_details_screen_at_both_widths(demo_site, page):
    from portal.payments.models import BankDetails

    details = BankDetails.objects.filter(status="pending").first()
    sign_in(page, demo_site, "finance@example.org")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{demo_site}/admin/bank_details/{details.pk}/decide/")
        assert violations(page) == [], width
        assert not cut_off(page), width
