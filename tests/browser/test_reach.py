"""Who takes part in a real browser: the report (chart and table, the demo's gap
at the Residents Panel and its action plan) passes axe-core at two widths, and
the resident's consent on "About you" too; so do the screens staff act from (the
action plan, the invitation and the profile import, with its problems listed)."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import admin_wcag_violations
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
    page.goto(f"{demo_site}/accounts/login/?next=/portal/about-you/use-of-answers/")
    page.get_by_label("Email").fill("neighbour@example.org")
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{demo_site}/portal/about-you/use-of-answers/")
    expect(page.get_by_label("Yes, you may use my answers")).to_be_visible()
    assert violations(page) == []


def test_the_plan_invite_and_import_screens_pass_axe(demo_site, page, tmp_path):
    from cms.meetings.models import Body

    panel = Body.objects.filter(name="Residents Panel").order_by("pk").first()
    gap = f"?activity=body-{panel.pk}&dimension=age_band&category=16_24"
    sign_in(page, demo_site, "officer@example.org")
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            f"/admin/who-takes-part/plan/{gap}",
            f"/admin/who-takes-part/invite/{gap}",
            "/admin/resident-profile/import/",
        ],
    )
    assert found == {path: [] for path in found}
    bad = tmp_path / "profile.csv"
    bad.write_text("area,estate,dimension,category,count\nx,y,age_band,16_24,1\n")
    page.get_by_label("Resident profile (CSV file)").set_input_files(bad)
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_text("Nothing was imported")).to_be_visible()
    assert violations(page) == []
