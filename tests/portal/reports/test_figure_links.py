"""A figure's link opens the records behind that figure for that period: the
staff listing filtered to the period, not every record the feature holds."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.groups.models import Group, RecognitionApplication
from portal.reports import periods
from portal.reports.registry import _measures
from portal.reports.scopes import LANDLORD
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Q1 = periods.quarter(2031, 1)  # 1 April to 30 June 2031, never in the demo


def _approved(name, decided, until):
    group = Group.objects.create(name=name, kind="tra")
    return RecognitionApplication.objects.create(
        group=group,
        applied_at=decided,
        status="approved",
        decided_at=decided,
        recognised_until=until,
    )


@pytest.fixture
def decisions():
    for name, decided in [
        # 00:30 on 1 April in summer time is 23:30 UTC on 31 March: inside.
        ("Inside first moment", datetime.datetime(2031, 4, 1, 0, 30)),
        ("Inside last day", datetime.datetime(2031, 6, 30, 23, 30)),
        ("Before the quarter", datetime.datetime(2031, 3, 31, 23, 30)),
        ("After the quarter", datetime.datetime(2031, 7, 1, 0, 30)),
    ]:
        _approved(name, decided.replace(tzinfo=LONDON), datetime.date(2032, 4, 1))


def test_groups_recognised_links_to_the_approvals_of_its_period(client, decisions):
    figure = _measures["groups_recognised"].figure(Q1, LANDLORD)
    assert figure.value == 2
    assert "decided_at__gte=2031-04-01" in figure.listing
    assert "decided_at__lt=2031-07-01" in figure.listing
    sign_in(client, "officer@example.org")
    response = client.get(figure.listing)
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    assert "Inside first moment" in page and "Inside last day" in page
    assert "Before the quarter" not in page and "After the quarter" not in page


def test_renewals_link_to_the_recognitions_that_ran_out_in_the_period(client):
    for name, until in [
        ("Ran out in the quarter", datetime.date(2031, 6, 30)),
        ("Ran out after it", datetime.date(2031, 7, 1)),
    ]:
        _approved(name, datetime.datetime(2030, 6, 1, 12, tzinfo=LONDON), until)
    url = _measures["renewals_on_time"].figure(Q1, LANDLORD).listing
    sign_in(client, "officer@example.org")
    page = client.get(url).content.decode()
    assert "Ran out in the quarter" in page and "Ran out after it" not in page


def test_a_nonsense_date_in_the_link_is_a_message_not_a_500(client):
    from django.urls import reverse

    sign_in(client, "officer@example.org")
    response = client.get(
        reverse("recognition_applications:index") + "?decided_at__gte=2031-13-45"
    )
    assert response.status_code == 200


def _listing(client, url) -> str:
    sign_in(client, "officer@example.org")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200, page[:2000]
    return page


def test_grants_awarded_links_to_the_grants_approved_in_its_period(client):
    from decimal import Decimal

    from portal.accounts.models import User
    from portal.grants.models import GrantApplication, GrantScheme

    scheme = GrantScheme.objects.first()
    applicant = User.objects.get(email="chair@example.org")
    for name, state, decided in [
        ("Approved inside", "approved", datetime.datetime(2031, 4, 1, 0, 30)),
        ("Paid inside", "paid", datetime.datetime(2031, 6, 30, 23, 30)),
        ("Refused inside", "rejected", datetime.datetime(2031, 5, 1, 12)),
        ("Approved after", "approved", datetime.datetime(2031, 7, 1, 0, 30)),
    ]:
        GrantApplication.objects.create(
            scheme=scheme,
            group=Group.objects.create(name=name, kind="tra"),
            applicant=applicant,
            amount_requested=Decimal("100"),
            amount_approved=Decimal("100"),
            status=state,
            year=2031,
            decided_at=decided.replace(tzinfo=LONDON),
        )
    figure = _measures["grants_awarded"].figure(Q1, LANDLORD)
    assert figure.value == Decimal("200")
    page = _listing(client, figure.listing)
    assert "Approved inside" in page and "Paid inside" in page
    assert "Refused inside" not in page and "Approved after" not in page
    # A link saved while the field was called `state` still opens these rows.
    saved = figure.listing.replace("status__in=", "state__in=")
    assert saved != figure.listing
    response = client.get(saved, follow=True)
    assert response.redirect_chain[0][1] == 302
    page = response.content.decode()
    assert "Approved inside" in page and "Paid inside" in page
    assert "Refused inside" not in page and "Approved after" not in page


def test_actions_on_time_links_to_the_actions_due_in_its_period(client, time_machine):
    from portal.actions.models import Action

    time_machine.move_to(datetime.datetime(2031, 7, 20, 12, tzinfo=LONDON), tick=False)

    for title, due in [
        ("Due on the first day", datetime.date(2031, 4, 1)),
        ("Due on the last day", datetime.date(2031, 6, 30)),
        ("Due the day before", datetime.date(2031, 3, 31)),
        ("Due the day after", datetime.date(2031, 7, 1)),
    ]:
        Action.objects.create(title=title, due_on=due, status="done", done_on=due)
    figure = _measures["actions_on_time"].figure(Q1, LANDLORD)
    assert (figure.count, figure.of) == (2, 2)
    page = _listing(client, figure.listing)
    assert "Due on the first day" in page and "Due on the last day" in page
    assert "Due the day before" not in page and "Due the day after" not in page
