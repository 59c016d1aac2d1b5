"""The meeting calendar in a real browser: axe on the calendar, a meeting, the
reply and feedback forms (also with errors) and the back-office pages; replying
works without JavaScript."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_meetings():
    from cms.meetings.models import MeetingPage

    upcoming = (
        MeetingPage.objects.live()
        .filter(
            start__gt=timezone.now(), status="scheduled", body__name="Residents Panel"
        )
        .order_by("start")
        .last()
    )
    attended = (
        MeetingPage.objects.filter(
            attendance__person__email="resident@example.org",
            attendance__status="attended",
        )
        .exclude(feedback__person__email="resident@example.org")
        .first()
    )
    cancelled = MeetingPage.objects.get(status="cancelled")
    return upcoming, attended, cancelled


def test_calendar_and_meeting_pages_have_no_axe_violations(demo_site, page):
    upcoming, attended, cancelled = demo_meetings()
    paths = [
        "/meetings/",
        "/meetings/?view=month",
        "/meetings/?view=past",
        "/ar/meetings/",
        upcoming.url,
        attended.url,
        cancelled.url,
    ]
    found = {}
    for path in paths:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in paths}


def test_reply_and_feedback_forms_with_and_without_errors_pass_axe(demo_site, page):
    upcoming, attended, _ = demo_meetings()
    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path, button in [
        (f"/portal/meetings/{upcoming.pk}/reply/", "Send my reply"),
        (f"/portal/meetings/{attended.pk}/feedback/", "Send"),
    ]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("alert")).to_be_visible()
        found[path + " (errors)"] = axe_violations(page)
    page.goto(demo_site + "/portal/")
    found["/portal/"] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_a_resident_replies_without_javascript(demo_site, browser):
    upcoming, _, _ = demo_meetings()
    resident = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(resident, demo_site, "resident@example.org")
    resident.goto(demo_site + upcoming.url)
    resident.get_by_role("link", name="Reply").click()
    resident.get_by_label("I will come").check()
    resident.get_by_label("What would help you take part").fill("A hearing loop")
    resident.get_by_role("button", name="Send my reply").click()
    expect(resident.get_by_text("Place confirmed").first).to_be_visible()
    resident.goto(demo_site + "/portal/")
    expect(resident.get_by_role("link", name=upcoming.title)).to_be_visible()


def test_back_office_meeting_pages_have_no_wcag_violations(demo_site, page):
    from cms.meetings.models import MeetingPage

    meeting = MeetingPage.objects.filter(rsvps__isnull=False).first()
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        ["/admin/meetings/report/", f"/admin/meetings/{meeting.pk}/attendees/"],
    )
    assert found == {path: [] for path in found}
