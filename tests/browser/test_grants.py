"""Grants in a real browser: axe on the schemes page, an application (also with
errors) and the decision screen; the chair applies without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
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
    # One question a page: a wrong amount is explained before going on.
    chair.get_by_label("How much are you asking for?").fill("900")
    chair.get_by_role("button", name="Continue").click()
    expect(
        chair.get_by_text("The most you can ask for is £300.00.").first
    ).to_be_visible()
    chair.get_by_label("How much are you asking for?").fill("250")
    chair.get_by_role("button", name="Continue").click()
    chair.get_by_label("What is the money for?").fill("Newsletters and room hire")
    chair.get_by_role("button", name="Continue").click()
    chair.get_by_role("button", name="Continue").click()  # the plan is optional
    expect(chair.get_by_role("heading", name="Check your answers")).to_be_visible()
    application_url = chair.url
    chair.get_by_role("button", name="Submit the application").click()
    expect(chair.get_by_text("Submitted").first).to_be_visible()
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

    application = GrantApplication.objects.exclude(status="draft").first()
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            "/admin/grant_applications/",
            f"/admin/grant_applications/{application.pk}/decide/",
        ],
    )
    assert found == {path: [] for path in found}


def test_a_panel_member_declares_and_scores_without_javascript_and_pages_pass_axe(
    demo_site, browser, page
):
    from portal.grants.models import GrantApplication, PanelReview

    bid = GrantApplication.objects.get(
        scheme__name="Community fund", group__name__startswith="Anchor House"
    )
    PanelReview.objects.filter(
        application=bid, member__email="panel@example.org"
    ).delete()
    url = f"{demo_site}/portal/grants/panel/{bid.pk}/"
    # axe needs JavaScript, so one window checks each step while the other,
    # without JavaScript, is the panel member doing the work.
    browser_sign_in(page, demo_site, "panel@example.org")
    page.goto(url)
    found = {"declare": axe_violations(page)}
    page.get_by_role("button", name="Make my declaration").click()
    page.get_by_text("Say whether you have a conflict of interest.").first.wait_for()
    found["declare with errors"] = axe_violations(page)

    member = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(member, demo_site, "panel@example.org")
    member.goto(demo_site + "/portal/grants/panel/")
    member.get_by_role("link", name=bid.group.name).click()
    member.get_by_label("No, I have no conflict of interest").check()
    member.get_by_role("button", name="Make my declaration").click()

    page.goto(url)
    found["score"] = axe_violations(page)
    page.get_by_role("button", name="Save my scores").click()
    page.get_by_text("There is a problem").first.wait_for()
    found["score with errors"] = axe_violations(page)

    member.get_by_label("Comment").fill("A clear plan")
    for n, criterion in enumerate(bid.scheme.criteria):
        member.get_by_role("group", name=criterion).get_by_label(
            f"{n + 2} – ", exact=False
        ).check()
    member.get_by_role("button", name="Save my scores").click()
    member.get_by_text("Your scores are saved.").first.wait_for()
    member.context.close()
    review = PanelReview.objects.get(application=bid, member__email="panel@example.org")
    assert [row["score"] for row in review.scores] == [2, 3, 4, 5]
    page.goto(demo_site + "/portal/grants/panel/")
    found["panel"] = axe_violations(page)
    assert found == {name: [] for name in found}


def test_grant_files_and_report_forms_pass_axe_with_errors(demo_site, page):
    from decimal import Decimal

    from portal.accounts.models import User
    from portal.grants.models import GrantApplication, GrantScheme
    from portal.grants.services import application_start
    from portal.groups.models import Group

    anchor = Group.objects.get(name__startswith="Anchor House")
    chair = User.objects.get(email="chair@example.org")
    draft = application_start(
        scheme=GrantScheme.objects.get(name="Estate improvement grant"),
        applicant=chair,
        group=anchor,
    )
    paid = GrantApplication.objects.create(
        scheme=GrantScheme.objects.get(name="Annual running costs grant"),
        group=anchor,
        applicant=chair,
        status="paid",
        amount_requested=Decimal("250"),
        amount_approved=Decimal("250"),
        year=2020,
        purpose="Newsletters",
    )
    browser_sign_in(page, demo_site, "chair@example.org")
    found = {}
    page.goto(f"{demo_site}/portal/grants/applications/{draft.pk}/")
    page.get_by_label("Add a document").set_input_files(
        files=[{"name": "quote.txt", "mimeType": "text/plain", "buffer": b"hello"}]
    )
    page.get_by_role("button", name="Add the document").click()
    page.get_by_text("There is a problem").first.wait_for()
    found["upload with errors"] = axe_violations(page)
    page.goto(f"{demo_site}/portal/grants/applications/{paid.pk}/")
    found["report"] = axe_violations(page)
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("Say what the grant paid for.").first.wait_for()
    found["report with errors"] = axe_violations(page)
    assert found == {name: [] for name in found}


def test_the_panel_summary_has_no_wcag_violations(demo_site, page):
    from portal.grants.models import GrantApplication, GrantScheme

    fund = GrantScheme.objects.get(panel_scoring=True)
    bid = GrantApplication.objects.filter(scheme=fund).first()
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            f"/admin/grant_schemes/{fund.pk}/panel/",
            f"/admin/grant_applications/{bid.pk}/decide/",
        ],
    )
    assert found == {path: [] for path in found}
