"""Real-browser checks: axe-core (WCAG 2.2 AA), keyboard use and no JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE = Axe()
# Wagtail's userbar and the content checker's inline notes are Wagtail's own
# controls, shown only to people who may edit the page; Wagtail's checker leaves
# them out the same way.
NOT_OURS = {"exclude": [["wagtail-userbar"], ["wagtail-inline-userbar"]]}


def settled(page):
    """Brings every CSS transition and animation that ends to its end state: axe
    measures colour contrast as drawn, and Wagtail's messages fade in over half a
    second. They are finished at once rather than waited for: the admin sidebar's
    "new" badge pings for 25 s, which every back-office page used to wait out."""
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect?.getComputedTiming().endTime !== Infinity)
            .map(a => {
                try { a.finish(); } catch (error) { /* paused at rate 0 */ }
                return a.finished.catch(() => null);
            }))"""
    )
    return page


def wcag_violations(page) -> list:
    """WCAG 2.2 A/AA violations on a back-office page (not axe's best-practice
    rules: Wagtail's own admin layout is not ours to change)."""
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA[:-1]}}
    response = AXE.run(settled(page), context=NOT_OURS, options=options).response
    return [
        (v["id"], [n["target"] for n in v["nodes"]]) for v in response["violations"]
    ]


def admin_wcag_violations(page, base_url, paths) -> dict:
    """`wcag_violations` on each back-office page, by path."""
    found = {}
    for path in paths:
        page.goto(base_url + path)
        found[path] = wcag_violations(page)
    return found


def axe_violations(page):
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    response = AXE.run(settled(page), context=NOT_OURS, options=options).response
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in response["violations"]
    ]


def browser_sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/portal/")


def fill_date(page, day):
    """Dates are typed as Day, Month and Year boxes, as GOV.UK asks."""
    for part, typed in [("Day", day.day), ("Month", day.month), ("Year", day.year)]:
        page.get_by_label(part, exact=True).fill(str(typed))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=rent",
        "/search/?q=accessibility",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/about-us/",
        "/ar/",
        "/ar/accounts/login/",
        "/bn/",
        "/no-such-page/",
    ],
)
def test_public_pages_have_no_axe_violations(demo_site, page, path):
    page.goto(demo_site + path)
    assert axe_violations(page) == []


def test_rtl_page_lays_out_right_to_left(demo_site, page):
    page.goto(demo_site + "/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".site-header__brand").bounding_box()
    viewport = page.viewport_size
    # In right-to-left the landlord's name sits on the right-hand side.
    assert brand["x"] > viewport["width"] / 2


def test_form_errors_have_no_axe_violations_and_a_summary(demo_site, page):
    page.goto(demo_site + "/accounts/signup/")
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("other")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert page.get_by_label("Email").input_value() == "someone@example.org"
    assert axe_violations(page) == []


PORTAL_PAGES = [
    "/portal/",
    "/portal/preferences/",
    "/portal/access-needs/",
    "/portal/about-you/",
    "/portal/my-data/",
    "/portal/close-account/",
    "/portal/advocates/",
    "/portal/home/",
    "/portal/notifications/",
    "/accounts/2fa/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/ar/portal/",
]


def test_signed_in_portal_pages_have_no_axe_violations(demo_site, page):
    browser_sign_in(page, demo_site, "resident@example.org")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    found = {}
    for path in PORTAL_PAGES:
        page.goto(demo_site + path)
        found[path] = axe_violations(page)
    assert found == {path: [] for path in PORTAL_PAGES}


def test_unsubscribe_and_choices_links_from_an_email_pass_axe(demo_site, page):
    """The pages a person reaches from a message, without signing in: the
    one-click unsubscribe (before and after), a spoilt link, and the choices page."""
    from portal.accounts.models import User
    from portal.core.notifications import preferences_token, unsubscribe_token

    person = User.objects.get(email="resident@example.org")
    token = unsubscribe_token(user_id=person.pk, kind="meeting")
    found = {}
    page.goto(f"{demo_site}/notifications/unsubscribe/{token}/")
    found["unsubscribe"] = axe_violations(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    found["unsubscribed"] = axe_violations(page)
    page.goto(f"{demo_site}/notifications/unsubscribe/{token[:-3]}xyz/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    found["spoilt link"] = axe_violations(page)
    page.goto(
        f"{demo_site}/notifications/choices/{preferences_token(user_id=person.pk)}/"
    )
    found["choices"] = axe_violations(page)
    assert found == {step: [] for step in found}


def test_portal_forms_with_errors_have_no_axe_violations(demo_site, page):
    browser_sign_in(page, demo_site, "resident@example.org")
    found = {}
    for path in [
        "/portal/preferences/",
        "/portal/access-needs/",
        "/portal/close-account/",
    ]:
        page.goto(demo_site + path)
        if path == "/portal/preferences/":
            page.get_by_role("checkbox", name="Email").uncheck()
        page.get_by_role("button", name="Save").or_(
            page.get_by_role("button", name="Close my account")
        ).click()
        expect(page.get_by_role("alert")).to_be_visible()
        found[path] = axe_violations(page)
    assert found == {path: [] for path in found}


def test_claiming_a_home_has_no_axe_violations_at_any_step(demo_site, page):
    browser_sign_in(page, demo_site, "resident@example.org")
    page.goto(demo_site + "/portal/home/")
    assert axe_violations(page) == []
    page.get_by_label("Your postcode").fill("R1")
    page.get_by_role("button", name="Find my address").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Your postcode").fill("RV1 3AG")
    page.get_by_role("button", name="Find my address").click()
    page.get_by_role("button", name="Send for checking").click()
    expect(page.get_by_text("Choose your address from the list.").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Flat 12, Anchor House, Wharf Estate").check()
    page.get_by_label("Your tenancy or account reference").fill("T000012")
    page.get_by_role("button", name="Send for checking").click()
    page.wait_for_url(demo_site + "/portal/")
    expect(page.get_by_text("Waiting for us to check")).to_be_visible()
    assert axe_violations(page) == []


def test_skip_link_is_the_first_thing_a_keyboard_reaches(demo_site, page):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_sign_in_works_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    browser_sign_in(page, demo_site, "chair@example.org")
    expect(page.get_by_text("You are signed in as chair@example.org")).to_be_visible()
    context.close()


def test_text_resized_to_200_percent_still_fits(demo_site, page):
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(demo_site + "/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


BACK_OFFICE_PAGES = [
    "/admin/resident_profiles/",
    "/admin/resident_profiles/assisted/",
    "/admin/property_import/",
    "/admin/properties/",
    "/admin/equality/",
    "/admin/audit_log/",
    "/admin/outbox/",
    "/admin/messages/",
]


def test_back_office_pages_we_added_have_no_wcag_violations(demo_site, page):
    browser_sign_in_admin(page, demo_site)
    from portal.accounts.models import ResidentProfile

    pending = ResidentProfile.objects.get(user__email="resident@example.org").pk
    paths = [*BACK_OFFICE_PAGES, f"/admin/resident_profiles/{pending}/decide/"]
    found = admin_wcag_violations(page, demo_site, paths)
    assert found == {path: [] for path in found}


def browser_sign_in_admin(page, base_url):
    page.goto(f"{base_url}/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")


def test_a_new_resident_signs_up_claims_a_home_and_is_verified(demo_site, browser):
    """The whole journey, as two people in two browsers, without JavaScript."""
    import re

    from django.core import mail

    resident = browser.new_context(java_script_enabled=False).new_page()
    resident.goto(demo_site + "/accounts/signup/")
    resident.get_by_label("Email").fill("new.neighbour@example.org")
    resident.get_by_label("Password", exact=True).fill("a-long-Pass-phrase-42")
    resident.get_by_label("Password (again)").fill("a-long-Pass-phrase-42")
    resident.get_by_role("button", name="Sign up").click()
    link = re.search(
        r"https?://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body
    )
    resident.goto(demo_site + link.group(1))
    resident.get_by_role("button", name="Confirm").click()
    resident.goto(demo_site + "/accounts/login/")
    resident.get_by_label("Email").fill("new.neighbour@example.org")
    resident.get_by_label("Password").fill("a-long-Pass-phrase-42")
    resident.get_by_role("button", name="Sign in").click()
    resident.get_by_role("link", name="Tell us where you live").first.click()
    resident.get_by_label("Your postcode").fill("RV1 3AG")
    resident.get_by_role("button", name="Find my address").click()
    resident.get_by_label("Flat 19, Anchor House, Wharf Estate").check()
    resident.get_by_label("Your tenancy or account reference").fill("T000019")
    resident.get_by_role("button", name="Send for checking").click()
    expect(resident.get_by_text("Waiting for us to check")).to_be_visible()

    officer = browser.new_context().new_page()
    browser_sign_in(officer, demo_site, "officer@example.org")
    officer.goto(demo_site + "/admin/resident_profiles/?status=pending")
    officer.get_by_role("link", name="new.neighbour@example.org").click()
    officer.get_by_label("Verified: the reference matches our records").check()
    officer.get_by_role("button", name="Record decision").click()
    officer.wait_for_url(demo_site + "/admin/resident_profiles/")
    assert "Decision recorded for" in officer.content()

    resident.goto(demo_site + "/portal/")
    expect(resident.get_by_text("Your home: Flat 19, Anchor House")).to_be_visible()
    # The verification notice, then the welcome to involvement where they live.
    subjects = [message.subject for message in mail.outbox]
    assert "Your address is verified" in subjects
