"""Expenses in a real browser: axe on the claimant's pages and the back office."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
    fill_date,
    wcag_violations,
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


def test_with_javascript_choosing_the_kind_reveals_only_its_questions(demo_site, page):
    from portal.accounts.models import User
    from portal.core.dates import london_today
    from portal.expenses.services import claim_start

    claim = claim_start(
        claimant=User.objects.get(email="resident@example.org"),
        activity="meeting",
        description="Estate walkabout",
        activity_date=london_today(),
    )
    browser_sign_in(page, demo_site, "resident@example.org")
    page.goto(f"{demo_site}/portal/expenses/{claim.pk}/")
    expect(page.get_by_role("button", name="Continue")).to_be_hidden()
    expect(page.get_by_role("button", name="Add this cost")).to_be_hidden()
    page.get_by_label("Taxi", exact=True).check()
    expect(
        page.get_by_label("Reason (for a taxi, say why, or who agreed it)")
    ).to_be_visible()
    expect(page.get_by_label("Miles (there and back)")).to_be_hidden()
    page.get_by_label("Mileage by car or motorbike").check()
    expect(page.get_by_label("Miles (there and back)")).to_be_visible()
    expect(page.get_by_label("Amount spent")).to_be_hidden()
    page.get_by_label("Miles (there and back)").fill("6")
    page.get_by_role("button", name="Add this cost").click()
    expect(page.get_by_text("6 miles").first).to_be_visible()


def test_back_office_expenses_pages_have_no_wcag_violations(demo_site, page):
    from portal.expenses.models import ExpenseClaim, ExpensePolicy

    policy = ExpensePolicy.objects.first()
    claim = ExpenseClaim.objects.get(claimant__email="resident@example.org")
    # The decision screen with a plausibility warning, the queue's Check tag and
    # a price changed since the claim was sent (issue 15).
    ExpensePolicy.objects.update(long_journey_miles=1)
    ExpenseClaim.objects.filter(pk=claim.pk).update(checks_flagged=1)
    line = claim.lines.filter(category__kind="mileage").first()
    line.sent_amount = line.amount + 1
    line.save(update_fields=["sent_amount"])
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(
        page,
        demo_site,
        [
            "/admin/expense_policies/",
            f"/admin/expense_policies/edit/{policy.pk}/",
            "/admin/expense_claims/",
            f"/admin/expense_claims/{claim.pk}/decide/",
            "/admin/expenses/report/",
        ],
    )
    assert found == {path: [] for path in found}
    page.goto(f"{demo_site}/admin/expense_claims/{claim.pk}/decide/")
    expect(page.get_by_text("Price changed since the claim was sent")).to_be_visible()
    expect(page.get_by_text("miles for one journey").first).to_be_visible()


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
    expect(resident.get_by_text("Choose the kind of activity.").first).to_be_visible()
    resident.get_by_label("Which meeting?").select_option(str(meeting.pk))
    resident.get_by_label("Meeting", exact=True).check()
    resident.get_by_label("Describe it in a few words").fill("Residents Panel")
    day = timezone.localtime(meeting.start).date()
    fill_date(resident, day)
    resident.get_by_role("button", name="Start the claim").click()
    expect(resident.get_by_label("Miles (there and back)")).to_be_hidden()
    resident.get_by_label("Mileage by car or motorbike").check()
    resident.get_by_role("button", name="Continue").click()
    expect(resident.get_by_label("Amount spent")).to_be_hidden()
    resident.get_by_label("Miles (there and back)").fill("8")
    resident.get_by_role("button", name="Add this cost").click()
    expect(resident.get_by_text("8 miles").first).to_be_visible()
    claim_path = resident.url.replace(demo_site, "")
    resident.get_by_role("button", name="Send the claim").click()
    expect(
        resident.get_by_text("Tick the declaration to send your claim.").first
    ).to_be_visible()
    resident.get_by_role("checkbox").check()
    resident.get_by_role("button", name="Send the claim").click()
    expect(resident.get_by_text("Claim sent.").first).to_be_visible()
    resident.context.close()

    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in ["/portal/expenses/new/", claim_path]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    page.goto(demo_site + "/portal/expenses/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the claim").click()
    found["new (errors)"] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_pre_approval_pages_work_without_javascript_and_pass_axe(
    demo_site, browser, page
):
    """The resident asks before spending (bad input first), without JavaScript;
    every page and the back-office queue and decision screen pass axe."""
    import datetime

    from portal.accounts.models import User
    from portal.expenses.models import ExpenseClaim, PreApproval

    resident = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(resident, demo_site, "resident@example.org")
    resident.goto(demo_site + "/portal/expenses/pre-approvals/new/")
    resident.get_by_label("What do you want to buy or pay for?").fill("A label maker")
    resident.get_by_label("Roughly how much will it cost?").fill("lots")
    resident.get_by_role("button", name="Send my request").click()
    expect(
        resident.get_by_text("Enter an amount in pounds, like 25.50 or 1,250.").first
    ).to_be_visible()
    assert resident.get_by_label(
        "What do you want to buy or pay for?"
    ).input_value() == ("A label maker")
    resident.get_by_label("Type of cost").select_option("stationery")
    resident.get_by_label("Why do you need it?").fill("Labels for the group's files")
    resident.get_by_label("Roughly how much will it cost?").fill("18.50")
    resident.get_by_role("button", name="Send my request").click()
    expect(resident.get_by_text("A label maker").first).to_be_visible()
    resident.context.close()

    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in [
        "/portal/expenses/pre-approvals/",
        "/portal/expenses/pre-approvals/new/",
    ]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my request").click()
    found["new (errors)"] = axe_violations(page)
    # A draft claim: the form offers the pre-approval and lists what we pay.
    draft = ExpenseClaim.objects.create(
        claimant=User.objects.get(email="resident@example.org"),
        activity="training",
        description="Minute-taking course",
        activity_date=datetime.date.today(),
    )
    page.goto(demo_site + f"/portal/expenses/{draft.pk}/")
    page.get_by_text("What we pay for each type of cost").click()
    found["draft claim"] = axe_violations(page)
    assert found == {path: [] for path in found}

    asked = PreApproval.objects.get(description="A label maker")
    admin = browser.new_context().new_page()
    browser_sign_in_admin(admin, demo_site)
    paths = [
        "/admin/expense_pre_approvals/",
        f"/admin/expense_pre_approvals/{asked.pk}/decide/",
    ]
    found = admin_wcag_violations(admin, demo_site, paths)
    with admin.expect_navigation():  # axe reads the page the form post returns
        admin.get_by_role("button", name="Record the decision").click()
    found["decide (errors)"] = wcag_violations(admin)
    assert found == {path: [] for path in found}
    admin.get_by_label("Approve: they may spend up to the estimate").check()
    admin.get_by_role("button", name="Record the decision").click()
    admin.wait_for_url(demo_site + "/admin/expense_pre_approvals/")
    asked.refresh_from_db()
    assert asked.status == "approved"


def test_a_resident_removes_a_cost_and_withdraws_a_request_without_javascript(
    demo_site, browser, page
):
    """The per-line Remove buttons and the Withdraw button are plain forms, named
    for screen readers, and the pages pass axe with them."""
    from portal.accounts.models import User
    from portal.expenses import services
    from portal.expenses.models import ExpenseClaim, PreApproval

    resident = User.objects.get(email="resident@example.org")
    submitted = ExpenseClaim.objects.get(claimant=resident)
    draft = ExpenseClaim.objects.create(
        claimant=resident,
        activity="training",
        description="Minute-taking course",
        activity_date=submitted.activity_date,
    )
    for miles in (8, 12):
        services.claim_add_line(
            claim=draft, actor=resident, kind="mileage", miles=miles
        )
    asked = services.pre_approval_request(
        claimant=resident,
        kind="stationery",
        description="A label maker",
        reason="Labels for the group's files",
        estimated_cost="18.50",
    )

    nojs = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(nojs, demo_site, "resident@example.org")
    nojs.goto(demo_site + f"/portal/expenses/{draft.pk}/")
    nojs.get_by_role("button", name="Remove cost 1: Car or motorbike").click()
    expect(nojs.get_by_text("Cost removed: Car or motorbike").first).to_be_visible()
    assert [line.miles for line in draft.lines.all()] == [12]
    nojs.goto(demo_site + "/portal/expenses/pre-approvals/")
    nojs.get_by_role("button", name=f"Withdraw request {asked.reference}").click()
    expect(nojs.get_by_text(f"You withdrew {asked.reference}").first).to_be_visible()
    nojs.context.close()
    asked.refresh_from_db()
    assert asked.status == PreApproval.Status.WITHDRAWN

    services.pre_approval_request(
        claimant=resident,
        kind="stationery",
        description="Folders",
        reason="For the group's papers",
        estimated_cost="6.00",
    )
    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in [f"/portal/expenses/{draft.pk}/", "/portal/expenses/pre-approvals/"]:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}
