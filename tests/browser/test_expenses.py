"""Expenses in a real browser: axe on the claimant's pages and the back office."""

import pytest

from tests.browser.test_accessibility import (
    AXE,
    WCAG_22_AA,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_claimant_pages_have_no_axe_violations(demo_site, page):
    from portal.expenses.models import ExpenseClaim

    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in ["/portal/expenses/", f"/portal/expenses/{claim.pk}/"]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_back_office_expenses_pages_have_no_wcag_violations(demo_site, page):
    from portal.expenses.models import ExpenseClaim, ExpensePolicy

    policy = ExpensePolicy.objects.first()
    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    browser_sign_in_admin(page, demo_site)
    found = {}
    for path in [
        "/admin/expense_policies/",
        f"/admin/expense_policies/edit/{policy.pk}/",
        "/admin/expense_claims/",
        f"/admin/expense_claims/{claim.pk}/decide/",
        "/admin/expenses/report/",
    ]:
        page.goto(demo_site + path)
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA[:-1]}}
        response = AXE.run(page, options=options).response
        found[path] = [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in response["violations"]
        ]
    assert found == {path: [] for path in found}


def test_a_resident_claims_without_javascript_and_the_forms_pass_axe(
    demo_site, browser, page
):
    from django.utils import timezone

    from cms.meetings.models import MeetingPage

    meeting = (
        MeetingPage.objects.filter(
            attendance__person__email="resident@example.org",
            attendance__status="attended",
        )
        .order_by("-start")
        .first()
    )
    resident = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(resident, demo_site, "resident@example.org")
    resident.goto(demo_site + "/portal/expenses/new/")
    resident.get_by_role("button", name="Start the claim").click()
    assert resident.get_by_text("Choose the kind of activity.").first.is_visible()
    resident.get_by_label("Which meeting?").select_option(str(meeting.pk))
    resident.get_by_label("Meeting", exact=True).check()
    resident.get_by_label("Describe it in a few words").fill("Residents Panel")
    resident.get_by_label("Date of the activity").fill(
        timezone.localtime(meeting.start).date().isoformat()
    )
    resident.get_by_role("button", name="Start the claim").click()
    resident.get_by_label("What did it cost you?").select_option("mileage")
    resident.get_by_label("Miles (there and back)").fill("8")
    resident.get_by_role("button", name="Add this cost").click()
    assert resident.get_by_text("8 miles").first.is_visible()
    claim_path = resident.url.replace(demo_site, "")
    resident.get_by_role("button", name="Send the claim").click()
    assert resident.get_by_text(
        "Tick the declaration to send your claim."
    ).first.is_visible()
    resident.get_by_role("checkbox").check()
    resident.get_by_role("button", name="Send the claim").click()
    assert resident.get_by_text("Claim sent.").first.is_visible()
    resident.context.close()

    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in ["/portal/expenses/new/", claim_path]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    page.goto(demo_site + "/portal/expenses/new/")
    page.get_by_role("button", name="Start the claim").click()
    found["new (errors)"] = axe_violations(page)
    assert found == {path: [] for path in found}
