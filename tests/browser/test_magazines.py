"""The magazine in a real browser: axe on the archive, an issue, an article, the
letters, a competition and the other-formats form (with errors too); a resident
enters a competition and asks for large print without JavaScript; the back-office
screens for competitions and format requests pass the WCAG rules."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/magazine/",
    "/magazine/?year=2025",
    "/magazine/issue-8/",
    "/magazine/issue-8/issue-8-1/",
    "/magazine/issue-8/issue-8-letters/",
    "/magazine/issue-8/issue-8-competition/",
    "/magazine/issue-7/issue-7-competition/",
    "/ar/magazine/issue-8/",
    "/other-formats/",
]


def test_magazine_pages_and_forms_have_no_axe_violations(demo_site, page):
    found = {}
    for path in PUBLIC:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["format request with errors"] = axe_violations(page)
    page.get_by_label("What would you like in another format?").fill("Spring issue")
    page.get_by_label("Large print").check()
    page.get_by_label("By email").check()
    page.get_by_label("Email address").fill("kath@example.org")
    page.get_by_label("Your name").fill("Kath Brown")
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", name="We have your request")).to_be_visible()
    found["format request sent"] = axe_violations(page)

    browser_sign_in(page, demo_site, "resident@example.org")
    page.goto(demo_site + "/magazine/issue-8/issue-8-competition/")
    page.get_by_role("button", name="Enter the competition").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["competition with errors"] = axe_violations(page)
    page.get_by_label("Three").check()
    page.get_by_role("button", name="Enter the competition").click()
    expect(page.get_by_text("You have entered.")).to_be_visible()
    found["competition entered"] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_a_resident_enters_and_asks_for_large_print_without_javascript(
    demo_site, browser
):
    resident = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(resident, demo_site, "neighbour@example.org")
    resident.goto(demo_site + "/magazine/issue-8/")
    resident.get_by_role("link", name="Win a winter hamper").click()
    resident.get_by_label("Three").check()
    resident.get_by_role("button", name="Enter the competition").click()
    expect(resident.get_by_text("you are in the draw")).to_be_visible()
    assert resident.get_by_role("button", name="Enter the competition").count() == 0

    resident.get_by_role("link", name="Ask for this in another format").click()
    resident.get_by_label("Braille").check()
    resident.get_by_label("By email").check()
    resident.get_by_role("button", name="Send my request").click()
    expect(
        resident.get_by_text("Braille can only be sent by post.").first
    ).to_be_visible()
    resident.get_by_label("By post").check()
    resident.get_by_label("Postal address").fill("Flat 3, Anchor House, RV1 3AG")
    resident.get_by_role("button", name="Send my request").click()
    expect(resident.get_by_role("heading", name="We have your request")).to_be_visible()
    expect(resident.get_by_text("We will send it by")).to_be_visible()
    resident.context.close()


def test_back_office_magazine_screens_have_no_wcag_violations(demo_site, page):
    from cms.core.models import FormatRequest
    from cms.core.services import format_request_make

    made = format_request_make(
        user=None,
        page_title="Spring issue",
        page_url="/magazine/",
        format=FormatRequest.Format.AUDIO,
        name="Kath Brown",
        delivery=FormatRequest.Delivery.POST,
        address="1 Wharf Street",
    )
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            "/admin/magazines/competitions/",
            "/admin/format_requests/",
            f"/admin/format_requests/{made.pk}/send/",
        ],
    )
    assert found == {path: [] for path in found}
