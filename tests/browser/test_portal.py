"""The portal in a real browser: the chair's dashboard shows their real
application and claims, and the section menu works at 1280 px and 390 px,
left to right and right to left, with nothing for axe to find."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = "document.documentElement.scrollWidth - document.body.clientWidth"
PAGES = [
    "/portal/",
    "/portal/grants/",
    "/portal/expenses/",
    "/portal/expenses/pre-approvals/",
    "/portal/bank-details/",
    "/portal/groups/",
    "/ar/portal/",
]


@pytest.mark.parametrize("width", [1280, 390])
def test_chair_dashboard_and_portal_menu(demo_site, page, width):
    from portal.expenses.models import ExpenseClaim
    from portal.grants.models import GrantApplication

    page.set_viewport_size({"width": width, "height": 900})
    browser_sign_in(page, demo_site, "chair@example.org")
    application = (
        GrantApplication.objects.filter(applicant__email="chair@example.org")
        .exclude(status__in=["rejected", "withdrawn"])
        .first()
    )
    claim = (
        ExpenseClaim.objects.filter(claimant__email="chair@example.org")
        .exclude(status__in=["paid", "rejected"])
        .order_by("-created_at")
        .first()
    )
    applications = page.locator("#my-applications")
    expect(applications).to_contain_text(application.scheme.name)
    expect(applications).to_contain_text(application.get_status_display())
    expect(page.locator("#my-claims")).to_contain_text(claim.reference)
    # The menu reaches every section by clicking, and nothing sticks out sideways.
    menu = page.get_by_role("navigation", name="Your account sections")
    menu.get_by_role("link", name="Expenses").click()
    expect(page).to_have_url(demo_site + "/portal/expenses/")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="My account"
    ).click()
    expect(page).to_have_url(demo_site + "/portal/")
    found = {}
    for path in PAGES:
        page.goto(demo_site + path)
        overflow = page.evaluate(OVERFLOW)
        found[path] = (axe_violations(page), overflow <= 0)
    assert found == {path: ([], True) for path in PAGES}
