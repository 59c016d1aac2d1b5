"""Every portal page has the same section menu and a breadcrumb trail."""

import pytest

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

SECTIONS = {
    "/portal/": "My account",
    "/portal/involvement/": "My involvement",
    "/portal/volunteering/": "Volunteer hours",
    "/portal/training/": "Training",
    "/portal/groups/": "Groups",
    "/portal/grants/": "Grants",
    "/portal/expenses/": "Expenses",
    "/portal/expenses/pre-approvals/": "Ask before you spend",
    "/portal/bank-details/": "Bank details",
}


@pytest.mark.parametrize("url", [*SECTIONS, "/portal/preferences/", "/accounts/email/"])
def test_portal_pages_share_the_section_menu_and_breadcrumbs(client, url):
    sign_in(client, "chair@example.org")
    body = client.get(url).content.decode()
    menu = body.split('aria-label="Your account sections"')[1].split("</nav>")[0]
    for href, label in SECTIONS.items():
        assert f'href="{href}"' in menu and label in menu
    assert "/portal/grants/panel/" not in menu  # the chair is not on the panel
    assert 'aria-current="true"' in menu
    trail = body.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/"' in trail
    if url != "/portal/":
        assert 'href="/portal/"' in trail


def test_a_page_inside_a_section_links_back_to_it(client):
    sign_in(client, "chair@example.org")
    body = client.get("/portal/expenses/new/").content.decode()
    trail = body.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/portal/"' in trail and 'href="/portal/expenses/"' in trail


def test_panel_members_see_the_panel_in_the_menu(client):
    sign_in(client, "panel@example.org")
    body = client.get("/portal/grants/panel/").content.decode()
    menu = body.split('aria-label="Your account sections"')[1].split("</nav>")[0]
    assert 'href="/portal/grants/panel/"' in menu
    assert 'aria-current="true" class="portal-nav__current">Grant panel' in menu


def test_menu_in_arabic_is_right_to_left_and_stays_in_arabic(client):
    sign_in(client, "chair@example.org")
    body = client.get("/ar/portal/expenses/").content.decode()
    assert 'dir="rtl"' in body
    menu = body.split('class="portal-nav')[1].split("</nav>")[0]
    assert 'href="/ar/portal/grants/"' in menu
    assert 'href="/portal/grants/"' not in menu


def test_public_pages_have_no_portal_menu(client):
    sign_in(client, "chair@example.org")
    assert "Your account sections" not in client.get("/").content.decode()
