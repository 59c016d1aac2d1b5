"""Actions and estate inspections in a real browser: axe at desktop (1280 px) and
phone (390 px) widths on the public pages, and a resident inspector filling in
the inspection form on a phone with JavaScript switched off."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations, browser_sign_in

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
    # The inspection form (a step, then the step with its errors) on a phone.
    browser_sign_in(page, demo_site, "chair@example.org")
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
