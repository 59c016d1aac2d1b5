"""The dashboard is built from the cards feature apps register with
`portal.core.dashboard`: each shows the person's real records, their status and
the next thing to do, and the page's query count stays flat as lists grow."""

import ast
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.involvement.models import InvolvementLevel, Level
from cms.meetings.models import MeetingPage
from portal.accounts.factories import UserFactory
from portal.accounts.models import Advocacy, User
from portal.core.dates import london_today
from portal.evidence.models import Signature
from portal.expenses.models import ExpenseClaim
from portal.grants.models import GrantApplication, GrantScheme
from portal.groups.models import Group
from portal.groups.selectors import officer_groups
from portal.housing.models import Property
from portal.participation.models import Attendance
from portal.participation.services import rsvp_respond
from portal.volunteering.models import LoggedHours
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# Measured, exact, within the portal budget of 20. The involvement card is one
# UNION ALL of every source; each other card reads one or two queries. Neither
# person holds a permission, which their user row says (no permission query);
# the site is remembered between requests (cms/core/sitewide.py).
DASHBOARD_QUERIES_BY_PERSON = {"chair@example.org": 18, "resident@example.org": 16}
DASHBOARD_QUERIES = max(DASHBOARD_QUERIES_BY_PERSON.values())


def test_chair_sees_their_real_application_and_claims(client):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    page = client.get("/portal/").content.decode()
    applications = GrantApplication.objects.filter(applicant=chair).exclude(
        status__in=["rejected", "withdrawn"]
    )
    assert applications.exists()
    for application in applications:
        assert f"/portal/grants/applications/{application.pk}/" in page
        assert application.get_status_display() in page
    claims = ExpenseClaim.objects.filter(claimant=chair).exclude(
        status__in=["paid", "rejected"]
    )
    assert claims.exists()
    for claim in claims.order_by("-created_at")[:5]:
        assert claim.reference in page
    assert "You have no grant applications" not in page
    assert "You have no expense claims" not in page
    # The primary actions, and links to every portal section.
    assert "Claim expenses" in page and "Sign up to support a group" in page
    for url in [
        "/portal/grants/",
        "/portal/expenses/",
        "/portal/expenses/pre-approvals/",
        "/portal/bank-details/",
        "/portal/groups/",
    ]:
        assert f'href="{url}"' in page, url
    # The chair is not on the grant panel.
    assert 'href="/portal/grants/panel/"' not in page


def test_panel_member_sees_panel_work_waiting(client):
    sign_in(client, "panel@example.org")
    page = client.get("/portal/").content.decode()
    assert "Grant panel" in page
    assert 'href="/portal/grants/panel/"' in page


def test_unchecked_resident_is_told_what_they_can_do(client):
    sign_in(client, "resident@example.org")
    page = client.get("/portal/").content.decode()
    assert "Waiting for us to check" in page
    assert "Nobody should be out of pocket" in page or "/portal/expenses/" in page
    # An empty card never says "none" without saying what to do.
    assert "You do not run or support a residents’ group yet" in page
    assert "sign up to support one" in page


def test_cards_read_together_still_show_everything(client):
    """What the cards read in one query each still shows: the chosen level with
    the index page, claims paid when none is open, a group supported with the
    groups run, and a reply coming up with a meeting owing feedback."""
    resident = User.objects.get(email="resident@example.org")
    InvolvementLevel.objects.update_or_create(
        user=resident, defaults={"level": Level.INVOLVING}
    )
    ExpenseClaim.objects.filter(claimant=resident).delete()
    ExpenseClaim.objects.create(
        claimant=resident,
        activity=ExpenseClaim.Activity.GROUP,
        description="Bus fare",
        activity_date=datetime.date(2026, 11, 1),
        status=ExpenseClaim.Status.PAID,
        approved_total=Decimal("4.50"),
    )
    group = Group.objects.order_by("pk").first()
    Signature.objects.create(
        group=group,
        home=Property.objects.first(),
        source=Signature.Source.ONLINE,
        signer=resident,
        signed_on=london_today(),
    )
    coming = make_meeting(days_ahead=30, title="Estate walkabout")
    rsvp_respond(meeting=coming, person=resident, response="attending")
    went = make_meeting(
        days_ahead=-3, title="Budget meeting", short_notice_reason="Recorded after"
    )
    Attendance.objects.create(
        meeting=went, person=resident, status=Attendance.Status.ATTENDED
    )
    sign_in(client, resident.email)
    page = client.get("/portal/").content.decode()
    assert f'<option value="{Level.INVOLVING}" selected>' in page
    assert "You have no claims in progress" in page
    assert "1 claim paid: £4.50 in all." in page
    assert "You support:" in page and f"<li>{group.name}</li>" in page
    assert "Estate walkabout" in page and "Change your reply" in page
    assert "How was “Budget meeting” for you?" in page


@pytest.mark.parametrize("email", DASHBOARD_QUERIES_BY_PERSON)
def test_dashboard_query_count_is_pinned(client, django_assert_num_queries, email):
    sign_in(client, email)
    client.get("/portal/")
    with django_assert_num_queries(DASHBOARD_QUERIES_BY_PERSON[email]):
        assert client.get("/portal/").status_code == 200


def test_dashboard_query_count_is_flat_as_records_grow_tenfold(
    client, django_assert_num_queries
):
    """Ten times the chair's claims, applications and meeting replies, and
    meetings attended and hours volunteered for the involvement record: not
    one query more."""
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    client.get("/portal/")
    with CaptureQueriesContext(connection) as before:
        client.get("/portal/")
    group = officer_groups(chair).first()
    scheme = GrantScheme.objects.first()
    claims = ExpenseClaim.objects.filter(claimant=chair).count()
    applications = GrantApplication.objects.filter(applicant=chair).count()
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(
            claimant=chair,
            activity=ExpenseClaim.Activity.GROUP,
            description=f"Leaflets {n}",
            activity_date=datetime.date(2026, 11, 1),
            status=ExpenseClaim.Status.QUERIED,
        )
        for n in range(9 * max(claims, 6))
    )
    GrantApplication.objects.bulk_create(
        GrantApplication(
            scheme=scheme,
            group=group,
            applicant=chair,
            status=GrantApplication.Status.MORE_INFO,
        )
        for _n in range(9 * max(applications, 6))
    )
    for n in range(6):
        Advocacy.objects.create(
            resident=UserFactory(), advocate=chair, accepted_at=timezone.now()
        )
        rsvp_respond(
            meeting=make_meeting(days_ahead=30 + n), person=chair, response="attending"
        )
    past = MeetingPage.objects.filter(start__lt=timezone.now()).exclude(
        attendance__person=chair
    )[:30]
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=chair, status=Attendance.Status.ATTENDED)
        for meeting in past
    )
    LoggedHours.objects.bulk_create(
        LoggedHours(
            person=chair,
            done_on=london_today(),
            activity=f"Litter pick {n}",
            hours=Decimal("2"),
            status=LoggedHours.Status.CONFIRMED,
        )
        for n in range(30)
    )
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get("/portal/").content.decode()
    assert page.count("/access-needs/") >= 6
    assert page.count("Place confirmed") >= 3
    assert "Next: we have a question. Answer it." in page
    assert "Next: we need more information. Answer our question." in page


def test_portal_core_does_not_import_feature_apps():
    """portal.core sits below the feature apps: they register cards with it."""
    core = Path(settings.BASE_DIR) / "portal" / "core"
    lower = ("portal.core", "cms.core")
    for name in ["views.py", "dashboard.py", "navigation.py", "urls.py"]:
        tree = ast.parse((core / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                module = node.module or ""
                if module.startswith(("portal.", "cms.")):
                    assert module.startswith(lower), (name, module)
