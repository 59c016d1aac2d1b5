"""Issue 15, as a property: for any sequence of applications, first and second
approvals, rejections and withdrawals through the services, nobody is funded
twice in one period, the year's budget never goes below zero (no Administrator
override is used here), and the ledger's committed total is exactly what was
approved. Applications are made straight in the table, as records that got past
the portal would be, so only the services stand between them and the money."""

import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.accounts.factories import UserFactory
from portal.accounts.models import User
from portal.grants.eligibility import FUNDED
from portal.grants.models import GrantApplication, GrantScheme
from portal.grants.services import (
    application_approve,
    application_reject,
    application_withdraw,
    ledger,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
BUDGET = Decimal("1000.00")
SECOND_APPROVAL_OVER = Decimal("400")

APPLICATION = st.integers(0, 7)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("apply"), st.integers(0, 2), st.integers(1, 700)),
        st.tuples(st.just("approve"), APPLICATION, st.integers(1, 100)),
        st.tuples(st.just("second"), APPLICATION),
        st.tuples(st.just("reject"), APPLICATION),
        st.tuples(st.just("withdraw"), APPLICATION),
    ),
    max_size=14,
)


@pytest.fixture
def scheme():
    """A yearly resident scheme with a small budget, so overspending is reachable."""
    scheme = GrantScheme.objects.get(name="Annual running costs grant")
    scheme.pk = scheme.id = None
    scheme.name = "Sequence fund"
    scheme.applicant = GrantScheme.Applicant.RESIDENT
    scheme.frequency = GrantScheme.Frequency.YEARLY
    scheme.annual_budget = BUDGET
    scheme.panel_scoring = False
    scheme.save()
    return scheme


@pytest.fixture
def people():
    return {
        "residents": [UserFactory() for _ in range(3)],
        "officer": User.objects.get(email="officer@example.org"),
        "finance": User.objects.get(email="finance@example.org"),
    }


def play(op, scheme, people, applications, counter, seconded):
    """One step; a refusal by the service is an allowed outcome, never a crash."""
    kind, *args = op
    if kind == "apply":
        resident, pounds = args
        applications.append(
            GrantApplication.objects.create(
                scheme=scheme,
                applicant=people["residents"][resident],
                amount_requested=Decimal(pounds),
                status=GrantApplication.Status.SUBMITTED,
                year=YEAR,
                purpose=f"Try {next(counter)}",
            )
        )
        return
    if not applications:
        return
    application = applications[args[0] % len(applications)]
    application.refresh_from_db()
    try:
        if kind == "approve":
            asked = application.amount_requested
            amount = (asked * args[1] / 100).quantize(Decimal("0.01")) or asked
            application_approve(
                application=application,
                actor=people["officer"],
                amount=amount,
                reason="" if amount == asked else "Part of it",
            )
        elif kind == "second":
            waiting = application.status == GrantApplication.Status.AWAITING_SECOND
            application = application_approve(
                application=application,
                actor=people["finance"],
                amount=application.amount_approved or application.amount_requested,
            )
            if waiting and application.status == GrantApplication.Status.APPROVED:
                seconded.add(application.pk)
        elif kind == "reject":
            application_reject(
                application=application, actor=people["officer"], reason="No"
            )
        else:
            application_withdraw(application=application, actor=application.applicant)
    except (ValidationError, PermissionDenied):
        pass


def check(scheme, seconded):
    funded = GrantApplication.objects.filter(scheme=scheme, status__in=FUNDED)
    per_person = [a.applicant_id for a in funded]
    assert len(per_person) == len(set(per_person)), "funded twice in one year"
    money = ledger(scheme, YEAR)
    assert money["remaining"] >= 0, money
    assert money["committed"] == sum((a.amount_approved for a in funded), Decimal("0"))
    for application in funded:
        assert 0 < application.amount_approved <= application.amount_requested
        if (
            application.amount_approved > SECOND_APPROVAL_OVER
            and application.status != GrantApplication.Status.AWAITING_SECOND
        ):
            # Over the threshold, approved only after a Finance approver said yes.
            assert application.pk in seconded


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
@example(  # the same person twice in the year: the second approval is refused
    ops=[
        ("apply", 0, 100),
        ("apply", 0, 200),
        ("approve", 0, 100),
        ("approve", 1, 100),
    ]
)
@example(  # a withdrawal frees the year; the budget stops the third approval
    ops=[
        ("apply", 0, 600),
        ("apply", 1, 300),
        ("apply", 2, 300),
        ("approve", 0, 100),
        ("second", 0),
        ("approve", 1, 100),
        ("approve", 2, 100),
        ("withdraw", 1),
    ]
)
def test_no_sequence_funds_anyone_twice_or_overspends_the_year(
    scheme, people, settings_override, ops
):
    GrantApplication.objects.filter(scheme=scheme).delete()
    applications, counter, seconded = [], itertools.count(), set()
    for op in ops:
        play(op, scheme, people, applications, counter, seconded)
        check(scheme, seconded)


@pytest.fixture
def settings_override(settings):
    settings.INVOLVE_GRANT_SECOND_APPROVAL_OVER = str(SECOND_APPROVAL_OVER)
    return settings
