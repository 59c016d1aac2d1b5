"""Actions and estate inspections in a real browser: axe at desktop (1280 px) and
phone (390 px) widths on the public pages, and a resident inspector filling in
the inspection form on a phone with JavaScript switched off."""

import datetime

import pytest
from playwright.sync_api import expect

from portal.core.dates import london_today
from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
    wcag_violations,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [(1280, 800), (390, 844)]


def test_public_pages_and_inspection_form_pass_axe_at_both_widths(demo_site, page):
    from cms.consultations.models import ConsultationPage
    from cms.meetings.models import MeetingPage
    from portal.actions.models import Action
    from portal.inspections.models import EstateSchedule
    from portal.scrutiny.models import ScrutinyReview

    meeting = MeetingPage.objects.filter(action_links__isnull=False).first()
    consultation = ConsultationPage.objects.filter(action_links__isnull=False).first()
    action = Action.objects.filter(updates__isnull=False).first()
    estate_id = EstateSchedule.objects.first().estate_id
    review = ScrutinyReview.objects.first()
    opportunity = EstateSchedule.objects.select_related("opportunity").first()
    paths = [
        "/what-we-are-doing/",
        "/what-we-are-doing/?status=nonsense",
        f"/what-we-are-doing/{action.pk}/",
        "/what-we-are-doing/inspections/",
        f"/what-we-are-doing/inspections/{estate_id}/",
        "/what-we-are-doing/scrutiny/",
        f"/what-we-are-doing/scrutiny/{review.pk}/",
        meeting.url,
        consultation.url,
        opportunity.opportunity.url,  # the schedule and sign-up, from the menu
    ]
    found = {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            page.goto(demo_site + path)
            found[(width, path)] = axe_violations(page)
            scroll = page.evaluate(
                "document.documentElement.scrollWidth > window.innerWidth + 1"
            )
            if scroll:
                found[(width, path)].append(("sideways scrolling", "", []))
    # The inspection form (a step, then the step with its errors) on a phone,
    # reached from the chair's dashboard card for their estate.
    browser_sign_in(page, demo_site, "chair@example.org")
    found["dashboard"] = axe_violations(page)
    expect(page.get_by_role("link", name="Inspect your estate")).to_be_visible()
    page.goto(demo_site + "/portal/inspections/")
    page.get_by_role("button", name="Start today’s inspection").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Go through the checklist").click()
    found["step"] = axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()
    found["step with errors"] = axe_violations(page)
    assert found == {key: [] for key in found}


def test_inspection_form_on_a_phone_without_javascript(demo_site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    browser_sign_in(page, demo_site, "chair@example.org")
    page.goto(demo_site + "/portal/inspections/")
    page.get_by_role("button", name="Start today’s inspection").click()
    page.get_by_role("link", name="Go through the checklist").click()
    # A step with an error keeps the page usable and says what is wrong.
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("Choose a score from 1").first).to_be_visible()
    for _step in range(7):
        page.get_by_label("4 – good").check()
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send the inspection").click()
    page.wait_for_url("**/what-we-are-doing/inspections/**")
    expect(page.get_by_text("Inspection sent")).to_be_visible()
    context.close()


def test_staff_type_uk_dates_in_the_progress_screen(demo_site, page):
    """With scripts running (Wagtail's date picker loaded), staff can still type
    a day/month/year date; a bad one sent is kept with its message; the screen
    and the recommendation response screen pass WCAG 2.2 AA."""
    from portal.actions.models import Action
    from portal.scrutiny.models import Recommendation

    action = Action.objects.filter(status="in_progress").first()
    waiting = Recommendation.objects.filter(response="").first()
    browser_sign_in_admin(page, demo_site)
    url = f"/admin/actions_register/{action.pk}/progress/"
    paths = [url]
    if waiting:
        paths.append(f"/admin/scrutiny_recommendations/{waiting.pk}/respond/")
    found = admin_wcag_violations(page, demo_site, paths)
    page.goto(demo_site + url)
    form = page.locator("form").filter(has_text="Add update")
    form.get_by_label("What has happened").fill("Quotes received.")
    # The picker corrects a date typed then left; a bad one sent as it is
    # (as without scripts) comes back kept, with its message.
    page.locator("#id_written_on").evaluate("field => field.value = '31/02/2026'")
    form.get_by_role("button", name="Add update").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#id_written_on")).to_have_value("31/02/2026")
    found["with errors"] = wcag_violations(page)
    day = london_today() - datetime.timedelta(days=1)
    typed = day.strftime("%d/%m/%Y")
    page.locator("#id_written_on").fill(typed)
    # Leave the box by keyboard, as staff do: the picker closes (it opens a moment
    # after focus and could otherwise take the click meant for the button). Wait
    # for it to open first, as a person would see it: on a busy machine a Tab
    # sent before its timer fired left it opening after the box had lost focus.
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.locator("#id_written_on").press("Tab")
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    expect(page.locator("#id_written_on")).to_have_value(typed)
    page.get_by_role("button", name="Add update").click()
    expect(page.get_by_text("Progress update added")).to_be_visible()
    assert found == {key: [] for key in found}
    assert action.updates.filter(text="Quotes received.").get().written_on == day
