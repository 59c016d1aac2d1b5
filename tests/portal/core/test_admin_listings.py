"""Every back-office listing and menu entry opens for every staff role: the page,
or a refusal (Wagtail sends the person home with a message), never an error."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.admin.viewsets import viewsets

from portal.accounts.models import User
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

STAFF = [
    "admin@example.org",
    "editor@example.org",
    "moderator@example.org",
    "reader@example.org",
    "officer@example.org",
    "finance@example.org",
]


def menu_urls(user) -> dict[str, str]:
    """{label: url} of every menu entry this person is shown, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    found = {}

    def walk(items):
        for item in items:
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu.menu_items_for_request(request))
            else:
                found[str(item.label)] = item.url

    walk(admin_menu.menu_items_for_request(request))
    return found


def listing_urls() -> set[str]:
    urls = set()
    for viewset in viewsets.viewsets:
        try:
            urls.add(reverse(viewset.get_url_name("index")))
        except (NoReverseMatch, AttributeError):
            continue
    return urls


def test_every_listing_is_found():
    urls = listing_urls()
    for expected in [
        "/admin/estates/",
        "/admin/resident_profiles/",
        "/admin/grant_applications/",
        "/admin/expense_claims/",
        "/admin/audit_log/",
    ]:
        assert expected in urls


@pytest.mark.parametrize("email", STAFF)
def test_every_listing_opens_or_refuses_for_each_role(client, email):
    user = User.objects.get(email=email)
    shown = menu_urls(user)
    sign_in(client, email)
    for url in sorted(listing_urls() | set(shown.values())):
        if url.startswith("http") or url == "#":
            continue
        response = client.get(url)
        assert response.status_code in (200, 302, 403), (email, url)
    # What the menu shows this person, they can open (a settings page first
    # redirects to its site's copy), never refused back to the home page.
    for label, url in shown.items():
        if url.startswith("/admin/"):
            response = client.get(url, follow=True)
            assert response.status_code == 200, (email, label, url)
            assert response.request["PATH_INFO"] != "/admin/", (email, label, url)


def test_estates_listing_shows_household_counts(client):
    sign_in(client, "officer@example.org")
    response = client.get("/admin/estates/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Households" in html
    assert "Landlord customers" in html
