"""Every move of an expense claim goes through the one transition helper
(issue 17): the lifecycle is data, the row is locked and the move checked against
the claim's *current* state. An approver working from a copy read before someone
else decided is told it was already decided, and two decisions at once leave one
outcome."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.core.transitions import ensure
from portal.expenses import services
from portal.expenses.models import ExpenseClaim
from tests.concurrency import race_with_messages
from tests.portal.expenses import test_ledger as ledger_tests
from tests.portal.expenses.test_ledger import approve, claim_for, line_of

pytestmark = pytest.mark.django_db
D = Decimal
S = ExpenseClaim.Status

policy = ledger_tests.policy
claimant = ledger_tests.claimant
officer = ledger_tests.officer

DECISIONS = [
    "expense claim approved",
    "expense claim first approval",
    "expense claim rejected",
    "expense claim queried",
]


@pytest.fixture
def finance():
    """A second approver (the demo's Finance approvers only see claims)."""
    from django.contrib.auth.models import Group

    from portal.accounts.roles import INVOLVEMENT_OFFICERS

    person = User.objects.create_user(
        email="approver2@example.org", password="Involve-demo-2026", first_name="Abi"
    )
    person.groups.add(Group.objects.get(name=INVOLVEMENT_OFFICERS))
    return person


def test_the_whole_claim_lifecycle_is_data():
    rows = ExpenseClaim.lifecycle.table()
    table = {name: (sources, to) for name, sources, to in rows}
    assert table == {
        "submit": (["draft"], "submitted"),
        "answer": (["queried"], "submitted"),
        "query": (["second_approval", "submitted"], "queried"),
        "first_approval": (["submitted"], "second_approval"),
        "approve": (["second_approval", "submitted"], "approved"),
        "reject": (["second_approval", "submitted"], "rejected"),
        "withdraw": (
            ["draft", "queried", "second_approval", "submitted"],
            "withdrawn",
        ),
        "paid": (["approved", "payment_failed"], "paid"),
        "payment_failed": (["approved", "payment_failed"], "payment_failed"),
    }
    assert ExpenseClaim.lifecycle.moves_from(S.REJECTED) == []
    assert ExpenseClaim.lifecycle.allowed_in("add_line") == {S.DRAFT, S.QUERIED}
    assert ExpenseClaim.lifecycle.allowed_in("decide_line") == {S.SUBMITTED}


def test_each_move_is_audited_from_and_to_its_states(claimant, officer, finance):
    claim = claim_for(claimant, miles=[300])  # £135: two approvers needed
    services.claim_query(claim=claim, actor=officer, question="Which route?")
    services.claim_answer(claim=claim, actor=claimant, answer="The ring road")
    approve(claim, officer)
    services.claim_approve(claim=claim, actor=finance)
    rows = list(
        AuditEntry.objects.filter(object_id=str(claim.pk), action__startswith="expense")
        .exclude(from_state="", to_state="")
        .order_by("pk")
        .values_list("action", "from_state", "to_state")
    )
    assert rows == [
        ("expense claim submitted", "draft", "submitted"),
        ("expense claim queried", "submitted", "queried"),
        ("expense query answered", "queried", "submitted"),
        ("expense claim first approval", "submitted", "second_approval"),
        ("expense claim approved", "second_approval", "approved"),
    ]
    claim.refresh_from_db()
    assert (claim.first_approver, claim.second_approver) == (officer, finance)
    assert claim.approved_total == D("135.00") and claim.decided_at is not None


def test_lines_change_only_in_the_states_the_lifecycle_allows(claimant, officer):
    claim = claim_for(claimant, miles=[10])  # sent: no more costs
    with pytest.raises(ValidationError, match="This claim is submitted, so that"):
        services.claim_add_line(claim=claim, actor=claimant, kind="mileage", miles=5)
    with pytest.raises(ValidationError, match="This claim is submitted, so that"):
        services.claim_remove_line(line=line_of(claim), actor=claimant)
    assert claim.lines.count() == 1
    with transaction.atomic(), pytest.raises(ValidationError):
        ensure(claim, "add_line")
    draft = claim_for(claimant, miles=[10], send=False)
    with pytest.raises(ValidationError, match="This claim is draft, so that"):
        services.line_decide(line=line_of(draft), actor=officer, decision="approved")


def test_an_approver_cannot_decide_their_own_claim_or_without_the_right(
    claimant, officer
):
    own = claim_for(officer, miles=[10])
    with pytest.raises(PermissionDenied, match="Nobody may approve their own claim"):
        services.claim_reject(claim=own, actor=officer, reason="x")
    claim = claim_for(claimant, miles=[10])
    neighbour = User.objects.get(email="neighbour@example.org")
    with pytest.raises(PermissionDenied):
        services.claim_reject(claim=claim, actor=neighbour, reason="x")
    for unchanged in (own, claim):
        assert ExpenseClaim.objects.get(pk=unchanged.pk).status == S.SUBMITTED


@pytest.mark.parametrize("first", ["approve", "reject"])
def test_a_second_approver_deciding_from_a_stale_copy_is_told_it_was_decided(
    claimant, officer, finance, first
):
    """Two approvers had the claim waiting for a second approval open; one
    decides. The other's decision, from the copy read before, is refused with
    a plain message, and the first decision stands with one audit entry."""
    claim = approve(claim_for(claimant, miles=[300]), officer)
    assert claim.status == S.SECOND_APPROVAL
    stale = ExpenseClaim.objects.get(pk=claim.pk)
    admin = User.objects.get(email="admin@example.org")
    if first == "approve":
        services.claim_approve(claim=claim, actor=finance)
        final, label = S.APPROVED, "approved, waiting for payment"
    else:
        services.claim_reject(claim=claim, actor=finance, reason="Not our meeting")
        final, label = S.REJECTED, "not approved"
    assert stale.status == S.SECOND_APPROVAL  # what the other approver still sees
    told = (
        f"Claim {claim.reference} has already been decided ({label}), so "
        "that cannot be done now."
    )
    for attempt in (
        lambda: services.claim_approve(claim=stale, actor=admin),
        lambda: services.claim_reject(claim=stale, actor=admin, reason="No"),
        lambda: services.claim_query(claim=stale, actor=admin, question="Why?"),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == [told]
    claim.refresh_from_db()
    assert claim.status == final
    assert claim.second_approver == (finance if first == "approve" else None)
    assert (
        AuditEntry.objects.filter(
            object_id=str(claim.pk),
            action__in=["expense claim approved", "expense claim rejected"],
        ).count()
        == 1
    )


def test_a_line_decided_from_a_stale_copy_after_rejection_is_refused(
    claimant, officer, finance
):
    claim = claim_for(claimant, miles=[10])
    line = line_of(claim)
    services.claim_reject(claim=claim, actor=finance, reason="Not our meeting")
    with pytest.raises(ValidationError, match="has already been decided"):
        services.line_decide(line=line, actor=officer, decision="approved")
    line.refresh_from_db()
    assert line.decision == "pending"


@pytest.mark.postgres
def test_rejecting_and_approving_at_once_leave_one_outcome(demo_data):
    """One approver rejects while another approves from the decision screen:
    one wins, the other is told plainly it was already decided."""
    claim = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", status="submitted"
    )
    officer = User.objects.get(email="officer@example.org")
    finance = User.objects.get(email="admin@example.org")
    assert sum(line.amount for line in claim.lines.all()) <= D("100")

    def approve_as_the_screen_does():
        fresh = ExpenseClaim.objects.get(pk=claim.pk)
        with transaction.atomic():  # all or nothing, like the decision screen
            for line in fresh.lines.all():
                services.line_decide(line=line, actor=officer, decision="approved")
            services.claim_approve(claim=fresh, actor=officer)

    (rejected, reject_message), (approved, approve_message) = race_with_messages(
        lambda: services.claim_reject(
            claim=ExpenseClaim.objects.get(pk=claim.pk),
            actor=finance,
            reason="Not one of our meetings",
        ),
        approve_as_the_screen_does,
    )
    assert sorted([rejected, approved]) == ["done", "refused"]
    claim.refresh_from_db()
    label = claim.get_status_display().lower()
    told = (
        f"Claim {claim.reference} has already been decided ({label}), so "
        "that cannot be done now."
    )
    if rejected == "done":
        assert claim.status == S.REJECTED
        assert approve_message == told
        assert set(claim.lines.values_list("decision", flat=True)) == {"pending"}
    else:
        assert claim.status == S.APPROVED
        assert reject_message == told
    decided = AuditEntry.objects.filter(
        object_id=str(claim.pk),
        action__in=["expense claim approved", "expense claim rejected"],
    )
    assert decided.count() == 1
