"""Who can open which page: every portal and back-office URL, for every kind of
person. A new URL must be added here."""

import pytest

from cms.meetings.models import MeetingPage
from portal.accounts.models import ResidentProfile
from portal.expenses.models import PreApproval
from portal.grants.models import GrantApplication, GrantScheme
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PORTAL_URLS = [
    "/portal/",
    "/portal/home/",
    "/portal/preferences/",
    "/portal/access-needs/",
    "/portal/about-you/",
    "/portal/my-data/",
    "/portal/close-account/",
    "/portal/advocates/",
    "/portal/groups/",
    "/portal/bank-details/",
    "/portal/grants/",
    "/portal/grants/panel/",
    "/portal/expenses/",
    "/portal/expenses/new/",
    "/portal/expenses/pre-approvals/",
    "/portal/expenses/pre-approvals/new/",
]
OK, DENIED, LOGIN = 200, "denied", "login"
# url: expected for (resident, chair, officer, finance, admin)
ADMIN_URLS = {
    "/admin/resident_profiles/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/resident_profiles/{pending}/decide/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/resident_profiles/assisted/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/properties/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/property_import/": (DENIED, DENIED, DENIED, DENIED, OK),
    "/admin/audit_log/": (DENIED, DENIED, OK, OK, OK),
    "/admin/outbox/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/equality/": (DENIED, DENIED, DENIED, DENIED, OK),
    "/admin/resident_groups/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/recognition_applications/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/signatures/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/meetings/report/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/meetings/{meeting}/attendees/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/meetings/series/": (DENIED, DENIED, DENIED, DENIED, OK),
    "/admin/payments/": (DENIED, DENIED, DENIED, OK, OK),
    "/admin/bank_details/": (DENIED, DENIED, DENIED, OK, OK),
    "/admin/grant_applications/": (DENIED, DENIED, OK, OK, OK),
    "/admin/grant_schemes/": (DENIED, DENIED, OK, OK, OK),
    "/admin/grant_schemes/{panel_scheme}/panel/": (DENIED, DENIED, OK, OK, OK),
    "/admin/format_requests/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/magazines/competitions/": (DENIED, DENIED, DENIED, DENIED, OK),
    "/admin/expense_claims/": (DENIED, DENIED, OK, OK, OK),
    "/admin/expense_pre_approvals/": (DENIED, DENIED, OK, DENIED, OK),
    "/admin/expense_pre_approvals/{pre_approval}/decide/": (
        DENIED,
        DENIED,
        OK,
        DENIED,
        OK,
    ),
}
PEOPLE = [
    "resident@example.org",
    "chair@example.org",
    "officer@example.org",
    "finance@example.org",
    "admin@example.org",
]


def outcome(response, signed_in=False):
    """200, "login" (sent to sign in) or "denied" (sent away with a message;
    Wagtail sends signed-in people without admin access to the sign-in page)."""
    if response.status_code == 302:
        # The admin's own sign-in address passes people on to /accounts/login/.
        doors = ("/accounts/login/", "/admin/login/")
        to_login = any(door in response["Location"] for door in doors)
        return LOGIN if to_login and not signed_in else DENIED
    return response.status_code


@pytest.fixture
def urls():
    pending = ResidentProfile.objects.get(user__email="resident@example.org").pk
    meeting = MeetingPage.objects.filter(rsvps__isnull=False).first().pk
    pre_approval = PreApproval.objects.get(status="pending").pk
    panel_scheme = GrantScheme.objects.get(panel_scoring=True).pk
    return {
        url.format(
            pending=pending,
            meeting=meeting,
            pre_approval=pre_approval,
            panel_scheme=panel_scheme,
        ): expected
        for url, expected in ADMIN_URLS.items()
    }


@pytest.mark.parametrize("url", PORTAL_URLS)
def test_portal_pages_need_sign_in(client, url):
    assert outcome(client.get(url)) == LOGIN


@pytest.mark.parametrize("email", PEOPLE)
@pytest.mark.parametrize("url", PORTAL_URLS)
def test_every_signed_in_person_reaches_their_own_portal_pages(client, email, url):
    sign_in(client, email)
    assert outcome(client.get(url)) == OK


def test_back_office_pages_need_sign_in(client, urls):
    for url in urls:
        assert outcome(client.get(url)) == LOGIN, url


@pytest.mark.parametrize("who", range(len(PEOPLE)))
def test_back_office_pages_follow_roles(client, urls, who):
    sign_in(client, PEOPLE[who])
    got = {url: outcome(client.get(url), signed_in=True) for url in urls}
    assert got == {url: expected[who] for url, expected in urls.items()}


# A grant panel's application page: only the scheme's panel members (404 to others,
# even staff, who use the decision screen).
PANEL_PAGE = {
    "resident@example.org": 404,
    "chair@example.org": 404,
    "officer@example.org": 404,
    "finance@example.org": 404,
    "admin@example.org": 404,
    "panel@example.org": OK,
    "panel2@example.org": OK,
}


@pytest.mark.parametrize("email", PANEL_PAGE)
def test_panel_application_pages_are_for_the_schemes_panel_only(client, email):
    application = GrantApplication.objects.filter(scheme__panel_scoring=True).first()
    sign_in(client, email)
    response = client.get(f"/portal/grants/panel/{application.pk}/")
    assert outcome(response, signed_in=True) == PANEL_PAGE[email]
