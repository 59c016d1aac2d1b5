"""One way to change a status: each lifecycle's moves are data, and the one helper
locks the row, checks the move from the *current* state and the actor, saves and
audits. A stale copy can never undo a decision made meanwhile."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings as django_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.core.transitions import transition
from portal.expenses.models import ExpenseClaim, PreApproval
from portal.expenses.services import pre_approval_decide, pre_approval_withdraw
from portal.grants.models import GrantApplication
from portal.grants.services import (
    application_approve,
    application_ask,
    application_reject,
    application_withdraw,
)
from tests.concurrency import race

pytestmark = pytest.mark.django_db

Status = GrantApplication.Status


def person(email):
    return User.objects.get(email=email)


def a_submitted_grant() -> GrantApplication:
    application = GrantApplication.objects.filter(status=Status.SUBMITTED).first()
    assert application is not None
    return application


def test_grant_lifecycle_is_data():
    table = {
        name: (sources, target)
        for name, sources, target in (GrantApplication.lifecycle.table())
    }
    assert table["withdraw"] == (["draft", "more_info", "submitted"], "withdrawn")
    assert table["approve"] == (["submitted"], "approved")
    assert table["pay"] == (["approved"], "paid")
    assert GrantApplication.lifecycle.moves_from(Status.APPROVED) == ["pay"]


@pytest.mark.parametrize("name", list(GrantApplication.lifecycle.moves), ids=str)
def test_every_illegal_grant_move_is_refused(name):
    """From every state a move does not start from, it is refused and nothing
    changes: no state, no audit entry."""
    application = a_submitted_grant()
    admin = person("admin@example.org")
    move = GrantApplication.lifecycle[name]
    for state in Status.values:
        if state in move.sources_set:
            continue
        GrantApplication.objects.filter(pk=application.pk).update(status=state)
        entries = AuditEntry.objects.count()
        with pytest.raises(ValidationError, match="so that cannot be done now"):
            transition(application, name, actor=admin, reason="x")
        assert GrantApplication.objects.get(pk=application.pk).status == state
        assert AuditEntry.objects.count() == entries


def test_a_legal_move_saves_audits_and_refreshes_the_caller():
    application = a_submitted_grant()
    officer = person("officer@example.org")
    locked = transition(application, "ask", actor=officer, reason="Which room?")
    assert locked.status == application.status == Status.MORE_INFO
    entry = AuditEntry.objects.filter(object_id=str(application.pk)).latest("pk")
    assert (entry.action, entry.from_state, entry.to_state, entry.reason) == (
        "grant.more_info",
        "submitted",
        "more_info",
        "Which room?",
    )
    assert entry.action_label == "More information asked for"


def test_a_move_needing_a_reason_is_refused_without_one():
    application = a_submitted_grant()
    with pytest.raises(ValidationError) as caught:
        transition(application, "reject", actor=person("officer@example.org"))
    assert caught.value.message_dict == {"reason": ["Say why it is not approved."]}
    assert GrantApplication.objects.get(pk=application.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (
            lambda application, actor: application_reject(
                application=application, actor=actor, reason="  "
            ),
            "Say why it is not approved.",
        ),
        (
            lambda application, actor: application_ask(
                application=application, actor=actor, question=""
            ),
            "Say what you need to know.",
        ),
    ],
    ids=["reject", "ask"],
)
def test_the_grant_services_leave_the_reason_to_the_move(service, message):
    """Rejecting or asking without a reason is refused by the lifecycle's
    `reason_required`, in the same words the service used to say itself."""
    application = a_submitted_grant()
    with pytest.raises(ValidationError) as caught:
        service(application, person("officer@example.org"))
    assert caught.value.message_dict == {"reason": [message]}
    assert GrantApplication.objects.get(pk=application.pk).status == Status.SUBMITTED


def test_a_move_for_staff_is_refused_to_a_resident():
    application = a_submitted_grant()
    with pytest.raises(PermissionDenied):
        transition(
            application, "approve", actor=person("neighbour@example.org"), reason="x"
        )
    assert GrantApplication.objects.get(pk=application.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("amount", "made", "refused"),
    [("1000", "approve", "first_approval"), ("1000.01", "first_approval", "approve")],
)
def test_the_second_approval_rule_is_declared_on_the_grant_lifecycle(
    settings, amount, made, refused
):
    """Above the threshold a grant's first approval waits for a second: the
    lifecycle's condition picks the move, and asking for the other one alone is
    refused with the rule's own words, leaving the application as it was."""
    settings.INVOLVE_GRANT_SECOND_APPROVAL_OVER = "1000"
    application = a_submitted_grant()
    officer = person("officer@example.org")
    changes = {"amount_approved": Decimal(amount), "first_approver": officer}
    with pytest.raises(ValidationError, match="second approval|one person alone"):
        transition(application, refused, actor=officer, changes=changes)
    assert GrantApplication.objects.get(pk=application.pk).status == Status.SUBMITTED
    locked = transition(
        application, ("approve", "first_approval"), actor=officer, changes=changes
    )
    assert locked.status == GrantApplication.lifecycle[made].target
    entry = AuditEntry.objects.filter(object_id=str(application.pk)).latest("pk")
    assert entry.action == GrantApplication.lifecycle[made].action


@given(
    total=st.decimals(min_value=0, max_value=10_000, places=2),
    limit=st.decimals(min_value=0, max_value=10_000, places=2),
)
@hypothesis_settings(max_examples=200)
def test_exactly_one_approval_move_fits_an_expense_claim(total, limit):
    """Over the limit the first approval waits for a second; at or under it one
    approver is enough: exactly one of the two moves' conditions holds."""
    claim = ExpenseClaim(status=ExpenseClaim.Status.SUBMITTED, approved_total=total)
    moves = ExpenseClaim.lifecycle.moves
    with django_settings(INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE=str(limit)):
        chosen = [n for n in ("approve", "first_approval") if moves[n].condition(claim)]
    assert chosen == (["first_approval"] if total > limit else ["approve"])


@pytest.mark.parametrize(
    ("total", "made", "refused"),
    [("100", "approve", "first_approval"), ("100.01", "first_approval", "approve")],
)
def test_the_second_approval_rule_is_declared_on_the_expense_lifecycle(
    settings, total, made, refused
):
    """As for grants: the claim lifecycle's condition picks the move, asking for
    the other alone is refused with the rule's words, and only the final approval
    dates the claim decided."""
    settings.INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE = "100"
    claim = ExpenseClaim.objects.first()
    ExpenseClaim.objects.filter(pk=claim.pk).update(status="submitted", decided_at=None)
    officer = person("admin@example.org")
    changes = {"approved_total": Decimal(total), "first_approver": officer}
    with pytest.raises(ValidationError, match="second approval|one person alone"):
        transition(claim, refused, actor=officer, changes=changes)
    assert ExpenseClaim.objects.get(pk=claim.pk).status == "submitted"
    locked = transition(
        claim, ("approve", "first_approval"), actor=officer, changes=changes
    )
    assert locked.status == ExpenseClaim.lifecycle[made].target
    assert (locked.decided_at is not None) == (made == "approve")
    entry = AuditEntry.objects.filter(object_id=str(claim.pk)).latest("pk")
    assert entry.action == ExpenseClaim.lifecycle[made].action


def test_a_stale_withdraw_cannot_undo_an_approval():
    """The resident's page was read before the officer approved: withdrawing from
    that stale copy is refused, and the approval stands."""
    application = a_submitted_grant()
    stale = GrantApplication.objects.get(pk=application.pk)
    application_approve(
        application=application,
        actor=person("officer@example.org"),
        amount=application.amount_requested,
    )
    approved_state = GrantApplication.objects.get(pk=application.pk).status
    assert approved_state in (Status.APPROVED, Status.AWAITING_SECOND)
    with pytest.raises(ValidationError):
        application_withdraw(application=stale, actor=stale.applicant)
    assert GrantApplication.objects.get(pk=application.pk).status == approved_state


def test_a_stale_pre_approval_withdraw_cannot_undo_a_decision():
    asked = PreApproval.objects.filter(status="pending").first()
    stale = PreApproval.objects.get(pk=asked.pk)
    pre_approval_decide(
        pre_approval=asked, actor=person("officer@example.org"), approve=True
    )
    with pytest.raises(ValidationError):
        pre_approval_withdraw(pre_approval=stale, actor=stale.claimant)
    assert PreApproval.objects.get(pk=asked.pk).status == "approved"


DECIDING = {
    PreApproval: {"approve", "refuse", "withdraw"},
    ExpenseClaim: {"approve", "reject", "withdraw"},
    # A first approval above the two-approver limit is not the decision.
    GrantApplication: {"approve", "second_approval", "reject", "withdraw"},
}


@pytest.mark.parametrize("model", DECIDING)
def test_the_decision_date_is_declared_on_the_deciding_moves_only(model):
    """Claims, pre-approvals and grants are dated decided the same way: by the
    moves that decide them naming `decided_at` in their `stamps`, and by no other
    move."""
    stamping = {
        name
        for name, move in model.lifecycle.moves.items()
        if "decided_at" in move.stamps
    }
    assert stamping == DECIDING[model]


@pytest.mark.parametrize(
    ("name", "reason"), [("approve", ""), ("refuse", "Too dear"), ("withdraw", "")]
)
def test_a_pre_approval_is_dated_decided_by_the_move_itself(time_machine, name, reason):
    """No service hands in the date: making the move, with no changes, stamps it."""
    asked = PreApproval.objects.filter(status="pending").first()
    PreApproval.objects.filter(pk=asked.pk).update(decided_at=None)
    asked.refresh_from_db()
    actor = asked.claimant if name == "withdraw" else person("officer@example.org")
    time_machine.move_to("2026-11-02T10:30:00Z", tick=False)
    locked = transition(asked, name, actor=actor, reason=reason)
    assert locked.status == PreApproval.lifecycle[name].target
    assert locked.decided_at.isoformat() == "2026-11-02T10:30:00+00:00"
    assert PreApproval.objects.get(pk=asked.pk).decided_at == locked.decided_at


def test_the_pre_approval_services_leave_the_date_to_the_move(time_machine):
    """Asking leaves it undecided; deciding through the service dates it when the
    move is made."""
    time_machine.move_to("2026-11-02T10:30:00Z", tick=False)
    officer = person("officer@example.org")
    asked = PreApproval.objects.filter(status="pending").first()
    PreApproval.objects.filter(pk=asked.pk).update(decided_at=None)
    asked.refresh_from_db()
    assert asked.decided_at is None
    pre_approval_decide(pre_approval=asked, actor=officer, approve=True)
    assert asked.decided_at.isoformat() == "2026-11-02T10:30:00+00:00"


def test_a_move_that_does_not_decide_leaves_the_decision_date_alone():
    claim = ExpenseClaim.objects.first()
    ExpenseClaim.objects.filter(pk=claim.pk).update(status="submitted", decided_at=None)
    locked = transition(
        claim, "query", actor=person("admin@example.org"), reason="Which bus?"
    )
    assert locked.status == "queried"
    assert locked.decided_at is None


@pytest.mark.postgres
def test_grant_withdraw_racing_an_approval_cannot_undo_it(demo_data):
    waiting = list(GrantApplication.objects.filter(status=Status.SUBMITTED)[:2])
    assert waiting
    for application in waiting:
        # Each side starts from its own copy, read before either acts.
        for_officer = GrantApplication.objects.get(pk=application.pk)
        for_resident = GrantApplication.objects.get(pk=application.pk)
        approve, withdraw = race(
            lambda a=for_officer: application_approve(
                application=a,
                actor=person("officer@example.org"),
                amount=Decimal(a.amount_requested),
            ),
            lambda a=for_resident: application_withdraw(
                application=a, actor=a.applicant
            ),
        )
        final = GrantApplication.objects.get(pk=application.pk).status
        # Exactly one wins, and the record says what the winner did.
        assert sorted([approve, withdraw]) == ["done", "refused"]
        if approve == "done":
            assert final in (Status.APPROVED, Status.AWAITING_SECOND)
        else:
            assert final == Status.WITHDRAWN
        decisions = AuditEntry.objects.filter(
            object_id=str(application.pk),
            action__in=["grant.approved", "grant.first_approval", "grant.withdrawn"],
        )
        assert decisions.count() == 1


@pytest.mark.postgres
def test_pre_approval_withdraw_racing_a_decision_cannot_undo_it(demo_data):
    asked = PreApproval.objects.filter(status="pending").first()
    assert asked is not None
    officer = person("officer@example.org")
    decide, withdraw = race(
        lambda: pre_approval_decide(
            pre_approval=PreApproval.objects.get(pk=asked.pk),
            actor=officer,
            approve=True,
        ),
        lambda: pre_approval_withdraw(
            pre_approval=PreApproval.objects.get(pk=asked.pk), actor=asked.claimant
        ),
    )
    assert sorted([decide, withdraw]) == ["done", "refused"]
    final = PreApproval.objects.get(pk=asked.pk).status
    assert final == ("approved" if decide == "done" else "withdrawn")


def test_a_sign_up_row_is_checked_once_through_its_lifecycle():
    """Paper sign-up rows: accept or reject (with a reason) only while waiting;
    a second officer working from a stale copy is told it was already checked."""
    from portal.evidence.models import Signature
    from portal.evidence.services import signature_check

    assert Signature.lifecycle.moves_from(Signature.Status.PENDING) == [
        "accept",
        "reject",
    ]
    row = Signature.objects.filter(status=Signature.Status.PENDING).first()
    stale = Signature.objects.get(pk=row.pk)
    officer, admin = person("officer@example.org"), person("admin@example.org")
    with pytest.raises(ValidationError) as caught:
        signature_check(signature=row, officer=officer, accept=False, reason=" ")
    assert caught.value.message_dict == {"reason": ["Say why the row is rejected."]}
    checked = signature_check(signature=row, officer=officer, accept=True)
    assert (checked.status, checked.decided_by) == ("accepted", officer)
    with pytest.raises(ValidationError, match="This row has already been checked."):
        signature_check(signature=stale, officer=admin, accept=False, reason="No")
    assert Signature.objects.get(pk=row.pk).status == "accepted"
    entry = AuditEntry.objects.get(
        object_id=str(row.pk), action="evidence.row_accepted"
    )
    assert (entry.actor, entry.from_state, entry.to_state) == (
        officer,
        "pending",
        "accepted",
    )


def test_a_format_request_is_marked_sent_once():
    """Two staff marking the same request sent: the second is refused and the
    first's record (who, when) stands, with one audit entry."""
    from cms.core.models import FormatRequest
    from cms.core.services import format_request_make, format_request_mark_sent

    request = format_request_make(
        user=person("resident@example.org"),
        page_title="Open Door, winter",
        page_url="/magazine/",
        format=FormatRequest.Format.LARGE_PRINT,
        delivery=FormatRequest.Delivery.POST,
    )
    stale = FormatRequest.objects.get(pk=request.pk)
    officer, admin = person("officer@example.org"), person("admin@example.org")
    sent = format_request_mark_sent(request=request, actor=officer)
    assert (sent.status, sent.sent_by) == ("sent", officer)
    with pytest.raises(ValidationError, match="already marked as sent"):
        format_request_mark_sent(request=stale, actor=admin)
    assert FormatRequest.objects.get(pk=request.pk).sent_by == officer
    assert (
        AuditEntry.objects.filter(
            object_id=str(request.pk), action="format_request.sent"
        ).count()
        == 1
    )


def _lifecycle_models():
    from django.apps import apps

    return [m for m in apps.get_models() if hasattr(m, "lifecycle")]


def test_every_lifecycle_in_the_project_is_declared_as_data():
    names = {m._meta.label for m in _lifecycle_models()}
    assert {
        "grants.GrantApplication",
        "expenses.PreApproval",
        "expenses.ExpenseClaim",
        "volunteering.LoggedHours",
        "payments.Payment",
        "payments.BankDetails",
        "payments.PaymentRun",
        "evidence.Signature",
        "groups.RecognitionApplication",
        "accounts.ResidentProfile",
        "cms_core.FormatRequest",
        "actions.Action",
        "inspections.Inspection",
        "scrutiny.Recommendation",
        "training.SignUp",
    } <= names


# Status fields with no lifecycle, and why: none records a decision someone is
# answerable for, so none needs the row lock, the "who may" or the audit entry.
NOT_A_DECISION = {
    # Delivery plumbing: set by `notify`, the delivery task and the round-up
    # job, many rows at a time (a round-up marks every message it includes).
    "portal_core.Notification",
    # A worker's progress on a file someone asked for: preparing → ready/failed.
    "portal_core.PreparedExport",
    # A worker's progress on a message to many: queued → sent.
    "broadcasts.Broadcast",
    # A person's own reply, and staff recording who came: answers, not moves.
    "participation.Rsvp",
    "participation.Attendance",
    # A page field editors change through Wagtail's revisions and workflow.
    "meetings.MeetingPage",
}


def test_every_status_field_has_a_lifecycle_or_a_stated_reason_not_to():
    from django.apps import apps

    with_status = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith(("portal.", "cms."))
        and any(
            f.name in ("status", "state", "response") and f.choices
            for f in model._meta.concrete_fields
        )
    }
    declared = {m._meta.label for m in _lifecycle_models()}
    assert with_status - declared == NOT_A_DECISION


def _one_of(model):
    """The demo's first record of `model`, or one made here where the demo has
    none (format requests, payment runs)."""
    obj = model.objects.first()
    if obj is not None:
        return obj
    if model._meta.label == "payments.PaymentRun":
        return model.objects.create(reference="RUN-TEST")
    from cms.core.services import format_request_make

    return format_request_make(
        user=None,
        page_title="Open Door",
        page_url="/",
        format="audio",
        delivery="email",
    )


@pytest.mark.parametrize("model", _lifecycle_models(), ids=lambda m: m._meta.label)
def test_every_move_of_every_lifecycle_is_refused_from_a_wrong_state(model):
    """From each state a move does not start from, the move is refused, with no
    change and no audit entry, whoever asks."""
    lifecycle = model.lifecycle
    obj = _one_of(model)
    admin = person("admin@example.org")
    states = model._meta.get_field(lifecycle.field).choices
    for name, move in lifecycle.moves.items():
        for state, _label in states:
            if state in move.sources_set:
                continue
            model.objects.filter(pk=obj.pk).update(**{lifecycle.field: state})
            entries = AuditEntry.objects.count()
            with pytest.raises((ValidationError, PermissionDenied)):
                transition(obj, name, actor=admin, reason="x")
            assert getattr(model.objects.get(pk=obj.pk), lifecycle.field) == state
            assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "model",
    [m for m in _lifecycle_models() if m.lifecycle.edits],
    ids=lambda m: m._meta.label,
)
def test_every_edit_of_every_lifecycle_is_refused_from_a_wrong_state(model):
    """Changes that keep the status (an expense claim's lines) are declared with
    the states they are allowed in; from any other, `ensure` refuses them."""
    from django.db import transaction

    from portal.core.transitions import ensure

    lifecycle = model.lifecycle
    obj = model.objects.first()
    states = model._meta.get_field(lifecycle.field).choices
    # The lifecycle's own wording if it has one, else the helper's.
    refusal = str(
        lifecycle.illegal_message or "This is %(state)s, so that cannot be done now."
    )
    for name in lifecycle.edits:
        allowed = lifecycle.allowed_in(name)
        for state, label in states:
            model.objects.filter(pk=obj.pk).update(**{lifecycle.field: state})
            refused = re.escape(refusal % {"state": str(label).lower()})
            with transaction.atomic():
                if state in allowed:
                    assert getattr(ensure(obj, name), lifecycle.field) == state
                    continue
                with pytest.raises(ValidationError, match=refused):
                    ensure(obj, name)


def test_a_stale_recognition_decision_cannot_undo_the_first():
    from portal.groups.models import RecognitionApplication
    from portal.groups.services import recognition_decide

    application = RecognitionApplication.objects.filter(status="pending").first()
    stale = RecognitionApplication.objects.get(pk=application.pk)
    officer, admin = person("officer@example.org"), person("admin@example.org")
    recognition_decide(
        application=application, officer=officer, approve=True, reason="All in order"
    )
    with pytest.raises(ValidationError, match=r"already been decided \(recognised\)"):
        recognition_decide(
            application=stale, officer=admin, approve=False, reason="Missing AGM"
        )
    fresh = RecognitionApplication.objects.get(pk=application.pk)
    assert (fresh.status, fresh.decided_by, fresh.decision_reason) == (
        "approved",
        officer,
        "All in order",
    )
    entry = AuditEntry.objects.get(
        action="group.recognised", details__application=application.pk
    )
    assert entry.object_id == str(application.group_id)  # the group's history


# Files that set a status field by hand, each on something with no lifecycle
# (`NOT_A_DECISION` above, a consultation answer's `response`, or no model).
SET_BY_HAND = {
    "portal/core/prepared_exports.py",  # PreparedExport
    "portal/core/tasks.py",  # Notification
    "portal/core/digests.py",  # Notification (a round-up)
    "portal/broadcasts/services.py",  # Broadcast
    "portal/participation/services.py",  # Rsvp
    "cms/consultations/services.py",  # a consultation answer
    "portal/grants/eligibility.py",  # the facts about a group, not a record
}


def test_no_code_changes_a_lifecycle_status_but_the_one_helper():
    """Product code never sets `status`/`response` itself (`obj.status = …`,
    `setattr(obj, "status", …)`, `.update(status=…)`): a status changes only in
    `portal/core/transitions.py`, so it is always locked, checked and audited."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    fields = {m.lifecycle.field for m in _lifecycle_models()}
    found = []
    for path in sorted([*root.glob("portal/**/*.py"), *root.glob("cms/**/*.py")]):
        name = path.relative_to(root).as_posix()
        if "/migrations/" in name or name in SET_BY_HAND | {
            "portal/core/transitions.py"
        }:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
            if isinstance(node, ast.Assign | ast.AugAssign) and any(
                isinstance(t, ast.Attribute) and t.attr in fields for t in targets
            ):
                found.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.Call):
                func = node.func
                called = getattr(func, "attr", getattr(func, "id", ""))
                if called == "update" and any(k.arg in fields for k in node.keywords):
                    found.append(f"{name}:{node.lineno}")
                if (
                    called == "setattr"
                    and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant)
                    and node.args[1].value in fields
                ):
                    found.append(f"{name}:{node.lineno}")
    assert found == [], found


def test_the_architecture_guide_lists_every_lifecycle_and_its_moves():
    """docs/architecture.md's lifecycle table names each lifecycle's field and
    every one of its moves, so the guide cannot fall behind the code."""
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs/architecture.md").read_text()
    table = guide.split("The lifecycles:", 1)[1].split("\n\n", 2)[1]
    rows, current = {}, None
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0].startswith("`"):
            current = cells[0].split("`")[1]
            rows[current] = set()
        if current and len(cells) > 1:
            rows[current] |= {name.strip() for name in cells[1].split("/")}
    for model in _lifecycle_models():
        name = f"{model.__name__}.{model.lifecycle.field}"
        assert name in rows, name
        assert set(model.lifecycle.moves) <= rows[name], name
