"""The Content-Security-Policy keeps the site and the Wagtail admin (its page editor
included) working: no page's own scripts or styles are refused."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import browser_sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _watch_for_refusals(page) -> list[str]:
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    return refused


def test_the_page_editor_works_under_the_policy(demo_site, page):
    from cms.magazines.models import ArticlePage

    article = ArticlePage.objects.filter(locale__language_code="en-gb").first()
    refused = _watch_for_refusals(page)
    page.goto(f"{demo_site}/accounts/login/?next=/admin/pages/{article.pk}/edit/")
    page.get_by_label("Email").fill("editor@example.org")
    page.get_by_label("Password").fill("Involve-demo-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{demo_site}/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's own scripts ran: the title field is filled in and the save
    # button is there (both need Wagtail's JavaScript).
    assert page.locator("#id_title").input_value() == article.title
    expect(page.get_by_role("button", name="Save draft").first).to_be_visible()
    assert refused == []


def test_public_and_portal_pages_work_under_the_strict_policy(demo_site, page):
    refused = _watch_for_refusals(page)
    for path in ["/", "/meetings/", "/consultations/", "/magazine/"]:
        response = page.goto(demo_site + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
    browser_sign_in(page, demo_site, "resident@example.org")
    page.goto(demo_site + "/portal/preferences/")
    assert refused == []
