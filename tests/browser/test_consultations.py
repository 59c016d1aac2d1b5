"""Consultations and ways to get involved in a real browser: axe on every page
and form, and a resident's answer journey without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def paths():
    from cms.consultations.models import ConsultationPage
    from cms.involvement.models import OpportunityPage

    open_page = ConsultationPage.objects.get(slug="estate-cleaning")
    closed = ConsultationPage.objects.get(slug="community-safety")
    board = OpportunityPage.objects.get(title="The Board")
    public = [
        "/consultations/",
        "/consultations/?topic=1&area=1",
        open_page.url,
        closed.url,
        closed.url + "results/",
        "/get-involved/",
        "/get-involved/?level=5_decision_making&commitment=heavy",
        board.url,
    ]
    admin = [
        "/admin/consultation-responses/",
        f"/admin/consultation-responses/{closed.pk}/",
        f"/admin/interested-residents/?opportunity={board.pk}",
    ]
    return open_page, board, public, admin


def test_consultation_and_involvement_pages_have_no_axe_violations(demo_site, page):
    open_page, _, public, _ = paths()
    browser_sign_in(page, demo_site, "neighbour@example.org")
    found = {}
    for path in [*public, "/portal/", open_page.url + "respond/"]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    # The form with errors (a ranking used twice) is axe clean too.
    page.goto(demo_site + open_page.url + "respond/")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["respond with errors"] = axe_violations(page)
    # So is the receipt once the answers are in.
    page.get_by_label("Unhappy", exact=True).check()
    page.get_by_label("Cost").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(
        page.get_by_role("heading", name="Thank you: we have your answers")
    ).to_be_visible()
    found["receipt"] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_back_office_consultation_pages_have_no_wcag_violations(demo_site, page):
    _, _, _, admin = paths()
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(page, demo_site, admin)
    assert found == {path: [] for path in found}


def test_resident_answers_and_says_they_are_interested_without_javascript(
    demo_site, browser
):
    open_page, board, _, _ = paths()
    resident = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(resident, demo_site, "neighbour@example.org")
    resident.goto(demo_site + open_page.url)
    resident.get_by_role("link", name="Answer the questions").click()
    resident.get_by_label("Unhappy", exact=True).check()
    resident.get_by_label("Cost").check()
    resident.get_by_label("Is there anything else you want to tell us?").fill(
        "More bins"
    )
    resident.get_by_role("button", name="Send my answers").click()
    expect(
        resident.get_by_role("heading", name="Thank you: we have your answers")
    ).to_be_visible()
    expect(resident.get_by_text("More bins")).to_be_visible()
    resident.goto(demo_site + board.url)
    resident.get_by_role("button", name="I’m interested").click()
    expect(
        resident.get_by_role("button", name="I am no longer interested")
    ).to_be_visible()
    resident.context.close()


def test_answering_without_an_account_has_no_axe_violations(demo_site, page):
    from cms.consultations.models import ConsultationPage

    survey = ConsultationPage.objects.get(slug="magazine-survey")
    page.goto(demo_site + survey.url)
    found = {"survey": axe_violations(page)}
    with page.expect_navigation():
        page.get_by_role("link", name="Answer without an account").click()
    found["form"] = axe_violations(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["form with errors"] = axe_violations(page)
    page.get_by_label("Unhappy", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(
        page.get_by_role("heading", name="Thank you: we have your answers")
    ).to_be_visible()
    found["receipt"] = axe_violations(page)
    assert found == {step: [] for step in found}


def test_the_prize_draw_form_receipt_and_draw_screen_have_no_violations(
    demo_site, page
):
    """Without an account: ticking the prize draw box without an email is told
    beside the field; with one, the receipt says they are in the draw. Staff
    then see the draw on the consultation's screen."""
    from wagtail.models import Locale

    from cms.consultations.models import ConsultationPage

    ConsultationPage.objects.filter(slug="magazine-survey").update(
        prize_draw=True, prize="a £50 shopping voucher"
    )
    survey = ConsultationPage.objects.get(
        slug="magazine-survey", locale=Locale.get_default()
    )
    page.goto(demo_site + survey.url + "respond/")
    found = {"form": axe_violations(page)}
    page.get_by_label("Unhappy", exact=True).check()
    page.get_by_label("Enter me into the prize draw for a £50 shopping voucher").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["form with errors"] = axe_violations(page)
    page.get_by_label("Your email address").fill("sam@example.net")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("You are in the prize draw")).to_be_visible()
    found["receipt"] = axe_violations(page)
    page.context.clear_cookies()
    browser_sign_in_admin(page, demo_site)
    found.update(
        admin_wcag_violations(
            page, demo_site, [f"/admin/consultation-responses/{survey.pk}/"]
        )
    )
    assert found == {step: [] for step in found}
