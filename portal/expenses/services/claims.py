"""Expense claims from draft to paid: every change of status is
`portal.core.transitions.transition()` on the lifecycle declared beside
`ExpenseClaim.Status` (keyword-only, atomic, audited, notified). The row is
locked and the move checked against the claim's *current* state, so a decision
made meanwhile is never undone from a stale copy."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.money import format_money
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition
from portal.payments.services import payment_due

from ..calculator import is_late
from ..ledger import lock_claimant
from ..models import ExpenseClaim, ExpenseLine, second_approval_above
from ..selectors import (
    claim_is_late,
    plausibility_checks,
    policy_on,
    staff_dealing_with,
)
from .rules import (
    S,
    approver_only,
    claimant_only,
    reprice,
)


@transaction.atomic
def claim_start(
    *, claimant, activity, description, activity_date, meeting=None, group=None
) -> ExpenseClaim:
    """A draft claim for one activity; a group officer may claim for the group."""
    from portal.groups.selectors import is_officer

    if group is not None and not is_officer(claimant, group):
        raise PermissionDenied(_("Only the group’s officers can claim for it."))
    if activity_date > london_today():
        raise ValidationError({"activity_date": _("The date cannot be in the future.")})
    claim = ExpenseClaim.objects.create(
        claimant=claimant,
        activity=activity,
        description=description,
        activity_date=activity_date,
        meeting=meeting,
        group=group,
    )
    audit_record(
        actor=claimant, action="expense claim started", target=claim, to_state=S.DRAFT
    )
    return claim


@transaction.atomic
def claim_submit(*, claim, actor, declared, late_reason="", today=None) -> ExpenseClaim:
    claim = ensure(claim, "submit", check=claimant_only(actor))
    errors = {}
    if not declared:
        errors["declared"] = _("Confirm the declaration to send your claim.")
    if not claim.lines.exists():
        errors["__all__"] = _("Add at least one cost before sending your claim.")
    today = today or london_today()
    policy = policy_on(claim.activity_date)
    months = policy.claim_deadline_months if policy else 3
    late = is_late(activity_date=claim.activity_date, submitted_on=today, months=months)
    if late and not late_reason.strip():
        errors["late_reason"] = _(
            "Claims must reach us within %(months)s months of the activity. "
            "Tell us why this one is late."
        ) % {"months": months}
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    claim = transition(
        claim,
        "submit",
        actor=actor,
        reason=late_reason,
        changes={
            "declared_at": now,
            "submitted_at": now,
            "late_reason": late_reason,
            "submitted_late": late,
        },
    )
    _sent(claim)
    return claim


def _sent(claim) -> None:
    """The claim enters the mileage ledger (later open lines are re-priced); each
    line's price as sent is kept, so the approver sees if it changes; the
    plausibility checks are counted for the queue's Check tag."""
    reprice(claim)
    claim.lines.filter(sent_amount__isnull=True).update(sent_amount=F("amount"))
    claim.checks_flagged = len(plausibility_checks(claim))
    claim.save(update_fields=["checks_flagged"])


@transaction.atomic
def claim_query(*, claim, actor, question) -> ExpenseClaim:
    claim = ensure(claim, "query", actor=actor, check=approver_only(actor))
    if not question.strip():
        raise ValidationError({"question": _("Write the question for the claimant.")})
    old = claim.status
    claim = transition(
        claim,
        "query",
        actor=actor,
        reason=question,
        changes={"query": question, "first_approver": None},
    )
    if old == S.SECOND_APPROVAL:  # the first approval's prices are open again
        reprice(claim)
    notify(
        recipient=claim.claimant,
        key=f"expenses:{claim.pk}:query:{claim.submitted_at:%s}:{len(question)}",
        subject=_("A question about your expenses claim %(ref)s")
        % {"ref": claim.reference},
        body=question,
    )
    return claim


@transaction.atomic
def claim_answer(*, claim, actor, answer) -> ExpenseClaim:
    claim = ensure(claim, "answer", check=claimant_only(actor))
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer.")})
    claim = transition(claim, "answer", actor=actor, reason=answer)
    _sent(claim)
    return claim


def _late_override(*, claim, actor, reason) -> str:
    """A late claim is approved only once an approver records why (audited);
    the reason to keep on the claim."""
    if claim.late_override_reason or not claim_is_late(claim):
        return claim.late_override_reason
    if not reason.strip():
        raise ValidationError(
            {
                "late_override": _(
                    "This claim was sent after the deadline. Say why you are "
                    "approving it anyway."
                )
            }
        )
    audit_record(
        actor=actor,
        action="expense late claim allowed",
        target=claim,
        reason=reason,
    )
    return reason


@transaction.atomic
def claim_approve(*, claim, actor, late_override="") -> ExpenseClaim:
    """Approve the decided lines. Above the threshold a second, different approver
    is needed; then the payment is made due. A late claim needs an override reason
    from the first approver."""
    claim = ensure(claim, "approve", actor=actor, check=approver_only(actor))
    if claim.status == S.SUBMITTED:
        reprice(claim)  # the price as it stands now is the price approved
    lines = list(claim.lines.all())
    changes = {
        "late_override_reason": _late_override(
            claim=claim, actor=actor, reason=late_override
        )
    }
    if claim.status == S.SUBMITTED:
        if any(line.decision == ExpenseLine.Decision.PENDING for line in lines):
            raise ValidationError(_("Decide every line before approving the claim."))
        total = sum((line.approved_amount for line in lines), Decimal(0))
        if total <= 0:
            raise ValidationError(
                _("Every line was rejected: reject the claim instead.")
            )
        changes |= {"approved_total": total, "first_approver": actor}
    else:
        if actor.pk == claim.first_approver_id:
            raise PermissionDenied(
                _("A second, different person must approve claims over %(limit)s.")
                % {"limit": format_money(second_approval_above())}
            )
        changes["second_approver"] = actor
    # Approved alone, or a first approval waiting for a second: the lifecycle's
    # declared rule (`needs_second_approval`) picks the move.
    claim = transition(
        claim, ("approve", "first_approval"), actor=actor, changes=changes
    )
    if claim.status == S.SECOND_APPROVAL:
        return claim
    _make_payment_due(claim=claim, actor=actor)
    notify(
        recipient=claim.claimant,
        key=f"expenses:{claim.pk}:approved",
        subject=_("Your expenses claim %(ref)s is approved") % {"ref": claim.reference},
        body=_("We will pay you %(total)s.")
        % {"total": format_money(claim.approved_total)},
    )
    return claim


def _make_payment_due(*, claim, actor):
    return payment_due(
        source=claim,
        amount=claim.approved_total,
        reference=claim.reference,
        payee_user=None if claim.group_id else claim.claimant,
        payee_group=claim.group,
        payee_name=str(claim.group)
        if claim.group_id
        else claim.claimant.get_full_name(),
        actor=actor,
    )


@transaction.atomic
def claim_reject(*, claim, actor, reason) -> ExpenseClaim:
    claim = transition(
        claim,
        "reject",
        actor=actor,
        reason=reason,
        check=approver_only(actor),
    )
    reprice(claim)  # its miles leave the ledger: later open lines re-priced
    notify(
        recipient=claim.claimant,
        key=f"expenses:{claim.pk}:rejected",
        subject=_("Your expenses claim %(ref)s was not approved")
        % {"ref": claim.reference},
        body=reason,
    )
    return claim


@transaction.atomic
def claim_withdraw(*, claim, actor, reason="") -> ExpenseClaim:
    """The claimant withdraws their own claim before it is decided (a draft, or
    sent, queried or waiting for a second approval). We will not pay it; like a
    refused claim it leaves the mileage ledger (later open lines are re-priced)
    and frees its share of any yearly cap, its pre-approvals and receipts.
    Audited; the claim leaves the approvers' queue, and the staff who were
    dealing with a sent claim are told. Under the claim's row lock, then the
    claimant's, the same order as approving, so one of the two wins."""

    def own_and_still_open(current):
        if actor.pk != current.claimant_id:
            raise PermissionDenied(
                _("Only the person who made a claim can withdraw it.")
            )
        if current.status == S.WITHDRAWN:
            raise ValidationError(
                _("You have already withdrawn claim %(ref)s.")
                % {"ref": current.reference}
            )
        if current.status not in ExpenseClaim.lifecycle.allowed_in("withdraw"):
            raise ValidationError(
                _(
                    "Claim %(ref)s is already decided (%(status)s), so it cannot "
                    "be withdrawn."
                )
                % {
                    "ref": current.reference,
                    "status": current.get_status_display().lower(),
                }
            )

    locked = ensure(claim, "withdraw", check=own_and_still_open)
    lock_claimant(locked.claimant_id)
    was = locked.status
    # `claim` (not `locked`), so the caller's copy is refreshed too.
    withdrawn = transition(
        claim,
        "withdraw",
        actor=actor,
        reason=reason.strip(),
        check=own_and_still_open,
    )
    reprice(withdrawn)  # its miles leave the ledger: later open lines re-priced
    if was != S.DRAFT:  # staff never saw a draft
        _tell_staff_withdrawn(withdrawn, reason=reason.strip())
    return withdrawn


def _tell_staff_withdrawn(claim, *, reason) -> None:
    """Whoever was dealing with the claim (or, if nobody yet, the Involvement
    officers who work the queue) hears it was withdrawn, so nobody keeps working
    on it."""
    values = {
        "ref": claim.reference,
        "name": claim.claimant.get_full_name() or claim.claimant.email,
        "what": claim.description,
    }

    def body():
        text = (
            _(
                "%(name)s withdrew expenses claim %(ref)s (%(what)s) before it was "
                "decided. It has left the approvers' queue: there is nothing more to "
                "do on it."
            )
            % values
        )
        if reason:
            text += "\n\n" + _("Their reason: %(reason)s") % {"reason": reason}
        return text

    for person in staff_dealing_with(claim):
        notify(
            recipient=person,
            key=f"expenses:{claim.pk}:withdrawn:staff",
            subject=lambda: _("Expenses claim %(ref)s was withdrawn") % values,
            body=body,
        )


def claim_payment_settled(*, claim, payment, actor):
    """Move the claim to paid or payment failed (inside the payment's transaction)."""
    transition(
        claim, "paid" if payment.status == "paid" else "payment_failed", actor=actor
    )
