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


def test_how_we_are_doing_and_a_published_report_pass_axe(demo_site, page):
    """The public index and the Board report (summary table, charts with their
    tables, ratings in words) logged out, wide and narrow."""
    page.goto(demo_site + "/how-we-are-doing/")
    expect(
        page.get_by_role("heading", name="How we are doing", level=1)
    ).to_be_visible()
    page.get_by_role(
        "link", name="Board report: resident involvement last quarter"
    ).click()
    expect(
        page.get_by_role("table", name="All the figures at a glance")
    ).to_be_visible()
    assert page.locator("svg[role=img]").count() >= 1
    for path in ("/how-we-are-doing/", "/how-we-are-doing/board-report-last-quarter/"):
        page.goto(demo_site + path)
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            assert violations(page) == [], (path, width)
            assert not cut_off(page), (path, width)


def test_the_officer_reads_the_regulator_evidence_pack(demo_site, page):
    """From the Reports menu, without JavaScript needed: each clause with its
    measures in a table; axe at 1280 and 390 px."""
    sign_in(page, demo_site, "officer@example.org")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Regulator evidence pack").click()
    page.get_by_label("Period", exact=True).select_option("year")
    page.get_by_label("Financial year", exact=True).select_option("2026")
    page.get_by_role("button", name="Show the evidence").click()
    expect(
        page.get_by_role("heading", name="1.3 Engagement with tenants")
    ).to_be_visible()
    assert page.get_by_role("table").count() == 11
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert violations(page) == [], width
        assert not cut_off(page), width
