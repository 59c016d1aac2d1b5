"""Issue 15: "once a year" and "once ever" count applications waiting for a
decision; approving a second one for the same period is refused by the service;
the applicant is told "approved" only once nothing else is needed; the decision
screen's re-check leaves out the application being decided; the ledger in pence."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from portal.accounts.models import User
from portal.grants.models import GrantApplication, GrantScheme
from portal.grants.services import (
    application_approve,
    application_start,
    application_withdraw,
    ledger,
)
from portal.groups.models import Group
from tests.conftest import sign_in
from tests.portal.grants.test_grants import submitted

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def anchor():
    return Group.objects.get(name__startswith="Anchor House")


@pytest.fixture
def annual():
    return GrantScheme.objects.get(name="Annual running costs grant")


def test_a_waiting_application_stops_a_second_one_for_the_same_year(
    client, anchor, annual
):
    submitted(annual, anchor)
    sign_in(client, "chair@example.org")
    page = client.get("/portal/grants/").content.decode()
    assert "You have an application for this grant waiting for a decision" in page
    with pytest.raises(ValidationError, match="waiting for a decision"):
        application_start(
            scheme=annual, applicant=person("chair@example.org"), group=anchor
        )


def test_withdrawing_the_waiting_application_frees_the_year(anchor, annual):
    chair = person("chair@example.org")
    application_withdraw(application=submitted(annual, anchor), actor=chair)
    assert application_start(scheme=annual, applicant=chair, group=anchor).pk


def test_the_service_refuses_to_approve_a_second_grant_for_the_same_year(
    anchor, annual
):
    first = submitted(annual, anchor)
    # A second one that got past the portal (an old record, or sent before this fix).
    second = GrantApplication.objects.create(
        scheme=annual,
        group=anchor,
        applicant=person("secretary@example.org"),
        amount_requested=Decimal("100"),
        status="submitted",
        year=first.year,
        purpose="Second try",
    )
    officer = person("officer@example.org")
    application_approve(application=first, actor=officer, amount=Decimal("250"))
    with pytest.raises(ValidationError, match="already been approved"):
        application_approve(application=second, actor=officer, amount=Decimal("100"))
    second.refresh_from_db()
    assert second.status == "submitted"
    # Another year is a different period.
    second.year = first.year + 1
    second.save()
    application_approve(application=second, actor=officer, amount=Decimal("100"))


def test_the_applicant_is_told_approved_only_after_the_second_approval(
    client, anchor, annual
):
    annual.amount = annual.annual_budget = Decimal("5000")
    annual.save()
    application = submitted(annual, anchor, amount="1179.37")
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("1179.37"),
    )
    sign_in(client, "chair@example.org")
    url = f"/portal/grants/applications/{application.pk}/"
    page = client.get(url).content.decode()
    assert "Waiting for a second approval" in page
    assert "Approved: £1,179.37" not in page
    application_approve(
        application=application,
        actor=person("finance@example.org"),
        amount=Decimal("1179.37"),
    )
    assert "Approved: £1,179.37" in client.get(url).content.decode()


def test_the_re_check_does_not_count_the_application_against_itself(
    client, anchor, annual
):
    application = submitted(annual, anchor)
    sign_in(client, "officer@example.org")
    page = client.get(
        f"/admin/grant_applications/{application.pk}/decide/"
    ).content.decode()
    assert "Not met: Not already funded" not in page
    assert "Met: Not already funded this year" in page


def test_the_budget_table_shows_pounds_and_pence(client, anchor, annual):
    annual.amount = annual.annual_budget = Decimal("20000")
    annual.save()
    application = submitted(annual, anchor, amount="1179.37")
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=Decimal("1179.37"),
    )
    money = ledger(annual, application.year)
    assert str(money["committed"]) == "1179.37"
    assert str(money["remaining"]) == "18820.63"
    sign_in(client, "officer@example.org")
    page = client.get(
        f"/admin/grant_applications/{application.pk}/decide/"
    ).content.decode()
    assert "£18,820.63" in page
    assert "£1,179.37" in page
    assert "0000000" not in page


@pytest.mark.postgres
def test_two_officers_approving_the_same_year_twice_at_once_fund_it_once(demo_data):
    annual = GrantScheme.objects.get(name="Annual running costs grant")
    anchor = Group.objects.get(name__startswith="Anchor House")
    first = submitted(annual, anchor, amount="100")
    second = GrantApplication.objects.create(
        scheme=annual,
        group=anchor,
        applicant=person("secretary@example.org"),
        amount_requested=Decimal("100"),
        status="submitted",
        year=first.year,
        purpose="x",
    )
    approvers = [person("officer@example.org"), person("admin@example.org")]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(application, actor):
        barrier.wait()
        try:
            application_approve(
                application=application, actor=actor, amount=Decimal("100")
            )
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(app, who))
        for app, who in zip([first, second], approvers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert (
        GrantApplication.objects.filter(
            group=anchor, scheme=annual, year=first.year, status="approved"
        ).count()
        == 1
    )
