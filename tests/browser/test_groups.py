"""Groups and sign-up evidence in a real browser: axe on every page and form,
and the chair's paper-sheet journey without JavaScript."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import (
    admin_wcag_violations,
    axe_violations,
    browser_sign_in,
    browser_sign_in_admin,
    fill_date,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def anchor_paths():
    from portal.evidence.models import PaperSheet, Signature
    from portal.groups.models import Group, OfficerInvitation, RecognitionApplication

    group = Group.objects.get(name__startswith="Anchor House")
    invitation = OfficerInvitation.objects.create(
        group=group,
        email="chair@example.org",
        role="committee",
        elected_on="2026-10-01",
    )
    sheet = PaperSheet.objects.filter(group=group).first()
    base = f"/portal/groups/{group.pk}"
    portal = [
        "/portal/groups/",
        f"{base}/",
        f"{base}/officers/",
        f"{base}/officers/{group.officers.first().pk}/",
        f"{base}/documents/",
        f"{base}/activity/",
        f"{base}/evidence/",
        f"{base}/evidence/sheets/{sheet.pk}/",
        f"/portal/groups/invitations/{invitation.token}/",
        "/groups/",
    ]
    pending = RecognitionApplication.objects.get(status="pending")
    row = Signature.objects.filter(status="pending").first()
    admin = [
        "/admin/resident_groups/",
        f"/admin/resident_groups/edit/{group.pk}/",
        f"/admin/resident_groups/{group.pk}/officers/add/",
        "/admin/recognition_applications/",
        f"/admin/recognition_applications/{pending.pk}/decide/",
        "/admin/signatures/",
        f"/admin/signatures/{row.pk}/check/",
    ]
    return group, portal, admin


def test_group_pages_have_no_axe_violations(demo_site, page):
    _, portal, _ = anchor_paths()
    browser_sign_in(page, demo_site, "chair@example.org")
    found = {}
    for path in portal:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in portal}


def test_a_resident_supports_their_local_group_and_forms_with_errors_pass_axe(
    demo_site, page, browser
):
    group, _, _ = anchor_paths()
    browser_sign_in(page, demo_site, "neighbour@example.org")
    page.goto(demo_site + "/portal/groups/")
    expect(page.get_by_text("You support this group")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Stop supporting {group.name}").click()
    expect(page.get_by_role("button", name=f"I support {group.name}")).to_be_visible()
    page.context.close()

    page = browser.new_context().new_page()
    browser_sign_in(page, demo_site, "chair@example.org")
    found = {}
    for path, button in [
        (f"/portal/groups/{group.pk}/documents/", "Upload"),
        (f"/portal/groups/{group.pk}/activity/", "Record it"),
        (f"/portal/groups/{group.pk}/officers/", "Send the invitation"),
    ]:
        page.goto(demo_site + path)
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("alert")).to_be_visible()
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_back_office_group_pages_have_no_wcag_violations(demo_site, page):
    _, _, admin = anchor_paths()
    browser_sign_in_admin(page, demo_site)
    found = admin_wcag_violations(page, demo_site, admin)
    assert found == {path: [] for path in found}


def test_chair_enters_a_paper_sheet_without_javascript(demo_site, browser, tmp_path):
    from demo.groups import PDF

    group, _, _ = anchor_paths()
    scan = tmp_path / "sheet.pdf"
    scan.write_bytes(PDF)
    chair = browser.new_context(java_script_enabled=False).new_page()
    browser_sign_in(chair, demo_site, "chair@example.org")
    chair.goto(f"{demo_site}/portal/groups/{group.pk}/evidence/")
    chair.get_by_label("Scan or photo of the signed sheet").set_input_files(scan)
    chair.get_by_label("Description (optional)").fill("Coffee morning")
    chair.get_by_role("button", name="Upload the sheet").click()
    chair.get_by_label("Name").fill("Grace Hopper")
    chair.get_by_label("First line of the address").fill("Flat 240, Anchor House")
    chair.get_by_label("Postcode").fill("RV1 3RD")
    fill_date(chair, timezone.localdate() - datetime.timedelta(days=15))
    chair.get_by_role("button", name="Add the row").click()
    expect(chair.get_by_text("Row added. Add the next one.")).to_be_visible()
    expect(chair.get_by_role("cell", name="Grace Hopper")).to_be_visible()
