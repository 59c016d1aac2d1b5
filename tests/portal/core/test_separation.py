"""Separation of duties as one rule: nobody decides anything for themselves, their
household (same verified home) or a group they are an officer of. Every decision
the project makes is listed here and refused in each of those cases."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from portal.accounts import services as accounts
from portal.accounts.factories import UserFactory
from portal.accounts.models import ResidentProfile, User
from portal.core.models import AuditEntry
from portal.core.separation import conflict, registered_models
from portal.evidence import services as evidence
from portal.evidence.models import Signature
from portal.expenses import services as expenses
from portal.expenses.models import ExpenseClaim, PreApproval
from portal.grants import services as grants
from portal.grants.models import GrantApplication
from portal.groups import services as groups
from portal.groups.models import Group, Officer, RecognitionApplication
from portal.housing.models import Property
from portal.payments import services as payments
from portal.payments.models import BankDetails, Payment
from portal.training import services as training
from portal.training.models import SignUp
from portal.volunteering import services as volunteering
from portal.volunteering.models import LoggedHours, Voucher

pytestmark = pytest.mark.django_db


@dataclass
class Decision:
    name: str
    model: type
    actor: str  # whose role may make this decision
    person: str  # the field naming the person the record is about
    group: str | None  # the field naming the group, if it can have one
    decide: Callable  # (record, actor) -> None
    state: dict | None = None  # the state the record must be in


DECISIONS = [
    Decision(
        "grant approved",
        GrantApplication,
        "officer@example.org",
        "applicant",
        "group",
        lambda r, a: grants.application_approve(
            application=r, actor=a, amount=Decimal("10")
        ),
    ),
    Decision(
        "grant refused",
        GrantApplication,
        "officer@example.org",
        "applicant",
        "group",
        lambda r, a: grants.application_reject(application=r, actor=a, reason="No."),
    ),
    Decision(
        "grant question",
        GrantApplication,
        "officer@example.org",
        "applicant",
        "group",
        lambda r, a: grants.application_ask(application=r, actor=a, question="Why?"),
    ),
    Decision(
        "expense claim approved",
        ExpenseClaim,
        "officer@example.org",
        "claimant",
        "group",
        lambda r, a: expenses.claim_approve(claim=r, actor=a),
    ),
    Decision(
        "expense claim refused",
        ExpenseClaim,
        "officer@example.org",
        "claimant",
        "group",
        lambda r, a: expenses.claim_reject(claim=r, actor=a, reason="No."),
    ),
    Decision(
        "expense claim queried",
        ExpenseClaim,
        "officer@example.org",
        "claimant",
        "group",
        lambda r, a: expenses.claim_query(claim=r, actor=a, question="Why?"),
    ),
    Decision(
        "expense pre-approval decided",
        PreApproval,
        "officer@example.org",
        "claimant",
        None,
        lambda r, a: expenses.pre_approval_decide(
            pre_approval=r, actor=a, approve=True
        ),
    ),
    Decision(
        "group recognised",
        RecognitionApplication,
        "officer@example.org",
        "applied_by",
        "group",
        lambda r, a: groups.recognition_decide(
            application=r, officer=a, approve=True, reason="Yes."
        ),
    ),
    Decision(
        "sign-up row checked",
        Signature,
        "officer@example.org",
        "signer",
        "group",
        lambda r, a: evidence.signature_check(signature=r, officer=a, accept=True),
        {"status": Signature.Status.PENDING},
    ),
    Decision(
        "bank details checked",
        BankDetails,
        "finance@example.org",
        "user",
        "group",
        lambda r, a: payments.bank_details_verify(details=r, actor=a),
        {"status": BankDetails.Status.PENDING},
    ),
    Decision(
        "bank details refused",
        BankDetails,
        "finance@example.org",
        "user",
        "group",
        lambda r, a: payments.bank_details_reject(details=r, actor=a, reason="No."),
        {"status": BankDetails.Status.PENDING},
    ),
    Decision(
        "payment marked paid",
        Payment,
        "finance@example.org",
        "payee_user",
        "payee_group",
        lambda r, a: payments.payment_mark_paid(payment=r, actor=a),
    ),
    Decision(
        "payment marked failed",
        Payment,
        "finance@example.org",
        "payee_user",
        "payee_group",
        lambda r, a: payments.payment_mark_failed(payment=r, actor=a, reason="No."),
    ),
    Decision(
        "payment made another way",
        Payment,
        "finance@example.org",
        "payee_user",
        "payee_group",
        lambda r, a: payments.payment_record_other_way(
            payment=r, actor=a, method=Payment.Method.CASH_OFFICE, note="Paid."
        ),
    ),
    Decision(
        "payment cancelled",
        Payment,
        "finance@example.org",
        "payee_user",
        "payee_group",
        lambda r, a: payments.payment_cancel(payment=r, actor=a, reason="No."),
    ),
    Decision(
        "home checked",
        ResidentProfile,
        "officer@example.org",
        "user",
        None,
        lambda r, a: accounts.resident_profile_decide(
            profile=r, officer=a, verified=True
        ),
    ),
    Decision(
        "volunteer hours confirmed",
        LoggedHours,
        "officer@example.org",
        "person",
        None,
        lambda r, a: volunteering.hours_decide(logged=r, actor=a, confirm=True),
        state={"status": "waiting"},
    ),
    Decision(
        "thank-you voucher issued",
        Voucher,
        "finance@example.org",
        "person",
        None,
        lambda r, a: volunteering.voucher_issue(
            person=r.person, rule=r.rule, year=r.year + 1, reference="SEP-1", actor=a
        ),
    ),
    Decision(
        "training attendance recorded",
        SignUp,
        "officer@example.org",
        "person",
        None,
        lambda r, a: training.attendance_record(sign_up=r, actor=a, attended=False),
        state={"status": "attended"},
    ),
]

CASES = [
    pytest.param(decision, relation, id=f"{decision.name}: {relation}")
    for decision in DECISIONS
    for relation in ("self", "household", "group")
    if relation != "group" or decision.group
]


def _record(decision: Decision):
    found = decision.model.objects.filter(**(decision.state or {})).first()
    assert found is not None, f"the demo has no {decision.model.__name__} to decide"
    return found


def _anchor() -> Group:
    return Officer.objects.get(user__email="chair@example.org").group


def _neighbour_of(actor: User) -> User:
    """A new resident who shares a verified home with `actor`."""
    home = Property.objects.order_by("pk").first()
    neighbour = UserFactory()
    for person in (actor, neighbour):
        ResidentProfile.objects.filter(user=person).delete()
        ResidentProfile.objects.create(
            user=person,
            home=home,
            tenancy_reference="T-1",
            status=ResidentProfile.Status.VERIFIED,
        )
    return neighbour


def _arrange(decision: Decision, relation: str, actor: User):
    """Make the record the actor's own, their household's, or their group's."""
    record = _record(decision)
    model = decision.model
    one_owner = model in (BankDetails, Payment)
    if relation == "self":
        changes = {decision.person: actor}
        if one_owner:
            changes[decision.group] = None
    elif relation == "household":
        if model is ResidentProfile:
            # A claim to the very home the officer lives in.
            ResidentProfile.objects.filter(user=actor).delete()
            ResidentProfile.objects.create(
                user=actor,
                home_id=record.home_id,
                tenancy_reference="T-1",
                status=ResidentProfile.Status.VERIFIED,
            )
            changes = {}
        else:
            changes = {decision.person: _neighbour_of(actor)}
            if one_owner:
                changes[decision.group] = None
    else:
        group = _anchor()
        Officer.objects.get_or_create(
            group=group,
            user=actor,
            defaults={"role": "committee", "elected_on": datetime.date(2026, 1, 1)},
        )
        changes = {decision.group: group}
        if one_owner:
            changes[decision.person] = None
    if model is BankDetails:  # one current set of details per owner
        owner = {k: v for k, v in changes.items() if v is not None}
        BankDetails.objects.filter(**owner).exclude(pk=record.pk).update(
            status=BankDetails.Status.REPLACED
        )
    model.objects.filter(pk=record.pk).update(**changes)
    record.refresh_from_db()
    return record


@pytest.mark.parametrize(("decision", "relation"), CASES)
def test_nobody_decides_for_themselves_their_household_or_their_group(
    decision, relation
):
    actor = User.objects.get(email=decision.actor)
    record = _arrange(decision, relation, actor)
    assert conflict(actor, record) == relation
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied) as refused:
        decision.decide(record, actor)
    if relation == "self":
        assert "own" in str(refused.value) or "you gave" in str(refused.value)
    if relation == "household":
        assert "household" in str(refused.value)
    if relation == "group":
        assert "officer of this group" in str(refused.value)
    assert AuditEntry.objects.count() == before


def test_every_kind_of_record_decided_has_a_rule():
    assert {decision.model for decision in DECISIONS} == set(registered_models())


def test_someone_unconnected_may_decide():
    officer = User.objects.get(email="officer@example.org")
    for decision in DECISIONS:
        if decision.actor == "officer@example.org":
            record = _record(decision)
            ResidentProfile.objects.filter(user=officer).delete()
            assert conflict(officer, record) is None, decision.name


def test_finding_3_an_officer_of_the_group_cannot_approve_its_claim():
    """An involvement officer who is also an officer of a group approved that
    group's expense claim: now refused with the reason shown."""
    officer = User.objects.get(email="officer@example.org")
    claim = _arrange(DECISIONS[3], "group", officer)
    assert claim.claimant != officer
    with pytest.raises(PermissionDenied, match="officer of this group"):
        expenses.claim_approve(claim=claim, actor=officer)
