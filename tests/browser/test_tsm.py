"""The tenant satisfaction measures in a real browser: the report (chart and
tables), and the paper/phone entry form with and without errors, pass axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import browser_sign_in_admin, wcag_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tsm_report_and_entry_form_have_no_wcag_violations(demo_site, page):
    from cms.consultations.models import ConsultationPage

    survey = ConsultationPage.objects.get(slug="tenant-satisfaction-survey")
    browser_sign_in_admin(page, demo_site)
    found = {}
    for path in (
        "/admin/tsm/",
        f"/admin/tsm/{survey.pk}/",
        f"/admin/consultation-responses/{survey.pk}/enter/",
    ):
        page.goto(demo_site + path)
        found[path] = wcag_violations(page)
    # A wrong UPRN: the error is shown by the field and in the summary.
    page.get_by_label("UPRN of the home").fill("12")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("There is no home with UPRN 12").first).to_be_visible()
    found["enter with errors"] = wcag_violations(page)
    page.goto(demo_site + f"/admin/tsm/{survey.pk}/")
    expect(
        page.get_by_role("img", name="Tenant satisfaction measures TP01 to TP12")
    ).to_be_visible()
    assert found == {path: [] for path in found}
