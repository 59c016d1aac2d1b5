import pytest

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_admin_login_goes_through_the_site_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    response = client.get(response["Location"])
    assert response["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("admin@example.org", 200),
        ("editor@example.org", 200),
        ("officer@example.org", 200),
        ("finance@example.org", 200),
        ("resident@example.org", 302),
        ("chair@example.org", 302),
    ],
)
def test_only_staff_roles_reach_the_back_office(client, email, status):
    sign_in(client, email)
    assert client.get("/admin/").status_code == status


def test_staff_without_mfa_must_set_it_up_when_required(client, settings):
    settings.INVOLVE_REQUIRE_STAFF_MFA = True
    sign_in(client, "officer@example.org")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Residents' pages are not affected.
    assert client.get("/portal/").status_code == 200


def test_staff_with_mfa_reach_the_back_office_when_required(client, settings):
    """Signed in with the password and the code, through allauth."""
    from tests.portal.accounts.test_one_door import _code, _enrol

    settings.INVOLVE_REQUIRE_STAFF_MFA = True
    _officer, secret = _enrol("officer@example.org")
    client.post(
        "/accounts/login/",
        {"login": "officer@example.org", "password": "Involve-demo-2026"},
    )
    client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("email", ["resident@example.org", "chair@example.org"])
def test_admin_without_access_says_so_instead_of_looping(client, email):
    sign_in(client, email)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1  # /admin/ → /admin/login/, then stop
    body = response.content.decode()
    assert "You cannot use the back office" in body
    assert 'href="/portal/"' in body
    # Deeper admin pages end at the same page.
    response = client.get("/admin/pages/", follow=True)
    assert response.status_code == 403
