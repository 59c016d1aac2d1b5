"""Grants in a real browser: axe on the schemes page, an application (also with
errors) and the decision screen; the chair applies without JavaScript."""

import pytest

from tests.browser.test_accessibility import (
    AXE,
    WCAG_22_AA,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_applies_without_javascript_and_pages_pass_axe(
    demo_site, browser, page
):
    chair = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(chair, demo_site, "chair@example.org")
    chair.goto(demo_site + "/portal/grants/")
    chair.get_by_role(
        "button", name="Start an application for Annual running costs grant"
    ).click()
    chair.get_by_label("How much are you asking for? (£)").fill("900")
    chair.get_by_label("What is the money for?").fill("Newsletters and room hire")
    chair.get_by_role("button", name="Submit the application").click()
    assert chair.get_by_text("The most you can ask for is £300.00.").first.is_visible()
    application_url = chair.url
    chair.get_by_label("How much are you asking for? (£)").fill("250")
    chair.get_by_role("button", name="Submit the application").click()
    assert chair.get_by_text("Submitted").first.is_visible()
    chair.context.close()

    browser_sign_in(page, demo_site, "chair@example.org")
    found = {}
    for path in [
        "/portal/grants/",
        application_url.replace(demo_site, ""),
        "/grants/awards/",
    ]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_the_decision_screen_has_no_wcag_violations(demo_site, page):
    from portal.grants.models import GrantApplication

    application = GrantApplication.objects.exclude(state="draft").first()
    browser_sign_in_admin(page, demo_site)
    found = {}
    for path in [
        "/admin/grant_applications/",
        f"/admin/grant_applications/{application.pk}/decide/",
    ]:
        page.goto(demo_site + path)
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA[:-1]}}
        response = AXE.run(page, options=options).response
        found[path] = [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in response["violations"]
        ]
    assert found == {path: [] for path in found}
