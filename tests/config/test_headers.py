"""Finding 10: a Content-Security-Policy on every page (strict outside the admin),
nothing personal kept by caches, and only Administrators list every account."""

import pytest

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {name: (rest[0] if rest else "") for name, *rest in parts}


@pytest.mark.parametrize("path", ["/", "/meetings/", "/accounts/login/", "/pl/"])
def test_public_pages_have_a_strict_policy(client, path):
    policy = _directives(client.get(path)["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert "unsafe" not in policy["default-src"]


def test_portal_pages_have_the_strict_policy_and_are_never_stored(client):
    sign_in(client, "resident@example.org")
    for path in ["/portal/", "/portal/preferences/", "/pl/portal/", "/portal/my-data/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == "'self'", path
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, path


def test_the_personal_data_download_is_never_stored(client):
    sign_in(client, "resident@example.org")
    response = client.get("/portal/my-data/?download=1")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_admin_has_its_own_policy_and_is_never_stored(client):
    sign_in(client, "editor@example.org")
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    assert "no-store" in response["Cache-Control"]


def test_public_pages_may_still_be_cached(client):
    response = client.get("/meetings/")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("officer@example.org", False),
        ("finance@example.org", False),
        ("editor@example.org", False),
        ("admin@example.org", True),
    ],
)
def test_only_administrators_list_and_export_accounts(client, email, allowed):
    sign_in(client, email)
    for path in ["/admin/users/", "/admin/users/?export=csv"]:
        response = client.get(path)
        if allowed:
            assert response.status_code == 200, path
        else:
            assert response.status_code in (302, 403), path
            assert b"resident@example.org" not in response.content
