"""Reports → Involvement performance in a real browser: the menu entry, the GET
form without JavaScript, charts with tables, axe at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_back_office import cut_off, sign_in, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_officer_reads_the_performance_report(demo_site, page):
    from portal.reports.models import MeasureTarget

    MeasureTarget.objects.update_or_create(
        measure="meetings_notice", year=2026, defaults={"target": 95}
    )
    sign_in(page, demo_site, "officer@example.org")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Involvement performance").click()
    page.get_by_label("Period", exact=True).select_option("year")
    page.get_by_label("Financial year", exact=True).select_option("2026")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_role("heading", name="Meetings with due notice")).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 5
    assert page.get_by_text("Target: 95.0%").count() >= 1
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert violations(page) == [], width
        assert not cut_off(page), width
