import pytest
from allauth.mfa.models import Authenticator

from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_admin_login_goes_through_the_site_sign_in(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/")
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
    settings.INVOLVE_REQUIRE_STAFF_MFA = False
    sign_in(client, "officer@example.org")
    settings.INVOLVE_REQUIRE_STAFF_MFA = True
    from portal.accounts.models import User

    officer = User.objects.get(email="officer@example.org")
    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={})
    assert client.get("/admin/").status_code == 200
