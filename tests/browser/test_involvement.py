"""My involvement and volunteer hours in a real browser: no axe violations
(WCAG 2.2 AA), including the hours form showing its errors."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_involvement_and_volunteering_pages_have_no_axe_violations(demo_site, page):
    browser_sign_in(page, demo_site, "chair@example.org")
    for path in ["/portal/involvement/", "/portal/volunteering/"]:
        page.goto(demo_site + path)
        assert axe_violations(page) == [], path
    page.get_by_label("Hours").fill("30")
    page.get_by_role("button", name="Send for confirming").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []


def test_staff_involvement_screens_have_no_wcag_violations(demo_site, page):
    from portal.accounts.models import User
    from portal.volunteering.models import LoggedHours

    chair = User.objects.get(email="chair@example.org")
    waiting = LoggedHours.objects.filter(status="waiting").first()
    browser_sign_in(page, demo_site, "officer@example.org")
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            f"/admin/involvement-records/{chair.pk}/",
            "/admin/volunteering/vouchers-due/",
            f"/admin/volunteer_hours/{waiting.pk}/decide/",
        ],
    )
    assert found == {path: [] for path in found}
