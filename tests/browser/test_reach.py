"""Who takes part in a real browser: the report (chart and table, the demo's gap
at the Residents Panel and its action plan) passes axe-core at two widths, and
the resident's consent on "About you" too."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_back_office import cut_off, sign_in, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_who_takes_part_report_and_consent_pass_axe(demo_site, page):
    from cms.meetings.models import Body

    panel = Body.objects.filter(name="Residents Panel").order_by("pk").first()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, demo_site, "officer@example.org")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{demo_site}/admin/who-takes-part/?activity=body-{panel.pk}")
        expect(page.get_by_role("heading", name="Age", exact=True)).to_be_visible()
        expect(page.get_by_text("Under-represented").first).to_be_visible()
        expect(
            page.get_by_role("link", name="Hold a Residents Panel taster evening").first
        ).to_be_visible()
        assert page.locator("svg[role=img] title").count() >= 4
        assert violations(page) == [], width
        assert not cut_off(page), width
    page.context.clear_cookies()
    page.goto(f"{demo_site}/accounts/login/?next=/portal/about-you/")
    page.get_by_label("Email").fill("neighbour@example.org")
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{demo_site}/portal/about-you/")
    expect(page.get_by_label("Yes, you may use my answers")).to_be_visible()
    assert violations(page) == []
