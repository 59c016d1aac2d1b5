"""Expense claims: every change of state goes through here (keyword-only, atomic,
audited, notified). Each move is `portal.core.transitions.transition()` on the
lifecycle declared beside `ExpenseClaim.Status` (the moves, and the `edits` that
change a claim's lines without moving it): the row is locked and the move checked
against the claim's *current* state, so a decision made meanwhile is never undone
from a stale copy."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.money import format_money
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition
from portal.payments.services import payment_due

from .calculator import calculate, is_late, tax_year_end, tax_year_start
from .ledger import lock_claimant, reprice_mileage
from .models import (
    ENDED_UNPAID,
    ExpenseCategory,
    ExpenseClaim,
    ExpenseLine,
    PreApproval,
)
from .selectors import (
    claim_is_late,
    plausibility_checks,
    policy_on,
    staff_dealing_with,
)

S = ExpenseClaim.Status
APPROVE_PERM = "expenses.approve_expenseclaim"

DECIDED = {S.APPROVED, S.REJECTED, S.PAID, S.PAYMENT_FAILED}


def second_approval_above() -> Decimal:
    return Decimal(
        str(getattr(settings, "INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE", 100))
    )


def _not_withdrawn(claim) -> None:
    """Said for anything tried on a claim the claimant has withdrawn."""
    if claim.status == S.WITHDRAWN:
        raise ValidationError(
            _(
                "The claimant withdrew claim %(ref)s, so it cannot be changed "
                "or decided now."
            )
            % {"ref": claim.reference}
        )


def _claimant_only(actor):
    """The claimant's own moves: their claim, not withdrawn."""

    def check(locked):
        if actor.pk != locked.claimant_id:
            raise PermissionDenied
        _not_withdrawn(locked)

    return check


def _approver_only(actor):
    """An approver's moves: the permission, never their own claim, their
    household's or their group's (separation of duties), and not one already
    decided, from a copy read before someone else decided it."""

    def check(locked):
        if not actor.has_perm(APPROVE_PERM):
            raise PermissionDenied
        check_separation(
            actor=actor,
            record=locked,
            own_message=_("Nobody may approve their own claim."),
        )
        _not_withdrawn(locked)
        if locked.status in DECIDED:
            raise ValidationError(
                _(
                    "Claim %(ref)s has already been decided (%(status)s), so "
                    "that cannot be done now."
                )
                % {
                    "ref": locked.reference,
                    "status": locked.get_status_display().lower(),
                }
            )

    return check


def spent_in_tax_year(*, user, kind, day) -> Decimal:
    """What `user` has claimed for `kind` in the tax year of `day` (claims not
    refused or withdrawn; a decided line counts at its approved amount), for
    yearly caps."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    return ExpenseLine.objects.filter(
        claim__claimant=user,
        claim__activity_date__gte=tax_year_start(day),
        claim__activity_date__lte=tax_year_end(day),
        category__kind=kind,
    ).exclude(claim__status__in=ENDED_UNPAID).aggregate(
        total=Sum(Coalesce("approved_amount", "amount"))
    )["total"] or Decimal(0)


def _usable_pre_approval(*, pre_approval, claimant, kind) -> PreApproval:
    """The claimant's own approved pre-approval for this kind of cost, not used on
    another claim; else a message next to the field."""
    pre_approval = (
        PreApproval.objects.select_for_update().filter(pk=pre_approval.pk).first()
    )
    problem = None
    if pre_approval is None or pre_approval.claimant_id != claimant.pk:
        problem = _("Choose one of your own approved pre-approvals.")
    elif pre_approval.status != PreApproval.Status.APPROVED:
        problem = _("Pre-approval %(ref)s has not been approved.") % {
            "ref": pre_approval.reference
        }
    elif pre_approval.kind != kind:
        problem = _("Pre-approval %(ref)s is for %(kind)s, not this type of cost.") % {
            "ref": pre_approval.reference,
            "kind": pre_approval.get_kind_display().lower(),
        }
    else:
        used = (
            pre_approval.lines.exclude(claim__status__in=ENDED_UNPAID)
            .values_list("claim_id", flat=True)
            .first()
        )
        if used:
            problem = _(
                "Pre-approval %(ref)s is already used on claim EXP%(pk)06d."
            ) % {"ref": pre_approval.reference, "pk": used}
    if problem:
        raise ValidationError({"pre_approval": problem})
    return pre_approval


@transaction.atomic
def claim_add_line(
    *,
    claim,
    actor,
    kind,
    miles=0,
    passengers=0,
    hours=0,
    spent=0,
    reason="",
    receipt=None,
    pre_approval=None,
) -> ExpenseLine:
    claim = ensure(claim, "add_line", check=_claimant_only(actor))
    policy = policy_on(claim.activity_date)
    category = None
    if policy is not None:
        category = next((c for c in policy.categories.all() if c.kind == kind), None)
    if category is None:
        raise ValidationError(
            _("Our expenses policy does not cover that type of cost on that date.")
        )
    if receipt is not None:
        used = (
            ExpenseLine.objects.filter(receipt__sha256=receipt.sha256)
            .exclude(claim__status__in=ENDED_UNPAID)
            .values_list("claim_id", flat=True)
            .first()
        )
        if used:
            raise ValidationError(
                {
                    "receipt": _(
                        "This receipt has already been used on claim EXP%(pk)06d. "
                        "Each receipt can be claimed once."
                    )
                    % {"pk": used}
                }
            )
    if pre_approval is not None:
        pre_approval = _usable_pre_approval(
            pre_approval=pre_approval, claimant=claim.claimant, kind=kind
        )
    # Nothing outside what one line can hold is priced or stored, by any path.
    ExpenseLine.check_limits(
        miles=miles, passengers=passengers, hours=hours, spent=spent
    )
    if category.yearly_cap is not None or kind == "mileage":
        # One person's lines against a yearly cap or the mileage band are added
        # one at a time, even on two claims at once (the claimant's row is the lock).
        lock_claimant(claim.claimant_id)
    spent_this_year = Decimal(0)
    if category.yearly_cap is not None:
        spent_this_year = spent_in_tax_year(
            user=claim.claimant, kind=kind, day=claim.activity_date
        )
    result = calculate(
        category=category,
        receipt_required_above=policy.receipt_required_above,
        miles=miles,
        passengers=passengers,
        hours=Decimal(hours),
        spent=Decimal(spent),
        reason=reason,
        has_receipt=receipt is not None,
        pre_approved_up_to=pre_approval.estimated_cost if pre_approval else None,
        spent_this_year=spent_this_year,
    )
    if result.errors:
        raise ValidationError(result.errors)
    line = ExpenseLine.objects.create(
        claim=claim,
        category=category,
        miles=miles,
        passengers=passengers,
        hours=hours,
        spent=spent,
        reason=reason,
        receipt=receipt,
        pre_approval=pre_approval,
        amount=result.amount,
        explanation=result.explanation,
        miles_at_rate=result.miles_at_rate,
    )
    if kind == "mileage":  # priced at its place in the ledger
        _reprice(claim)
        line.refresh_from_db()
    audit_record(actor=actor, action="expense line added", target=claim)
    return line


def _reprice(claim) -> None:
    """Re-price the claimant's open mileage lines in the claim's tax year (under
    their row lock) after something in their ledger changed; see ledger.py."""
    lock_claimant(claim.claimant_id)
    reprice_mileage(claimant_id=claim.claimant_id, day=claim.activity_date)


@transaction.atomic
def claim_remove_line(*, line, actor) -> None:
    """The claimant takes a cost off their claim while they may still add costs
    (a draft, or a claim we asked them about). Deleting the line frees its
    pre-approval and its share of any yearly cap; the receipt file is kept (there
    is no shared way to delete private files yet) but may be used again."""
    claim = ensure(line.claim, "remove_line", check=_claimant_only(actor))
    line = claim.lines.select_related("category").filter(pk=line.pk).first()
    if line is None:
        raise ValidationError(_("That cost has already been taken off this claim."))
    if claim.status == S.QUERIED and claim.lines.count() == 1:
        raise ValidationError(
            _(
                "We are looking at this claim, so it must keep at least one cost. "
                "Add the right cost first, then remove this one."
            )
        )
    removed = f"{line.category.name}: {format_money(line.amount)}"
    line.delete()
    if line.category.kind == "mileage":
        _reprice(claim)
    audit_record(
        actor=actor, action="expense line removed", target=claim, reason=removed
    )


@transaction.atomic
def claim_submit(*, claim, actor, declared, late_reason="", today=None) -> ExpenseClaim:
    claim = ensure(claim, "submit", check=_claimant_only(actor))
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
    _reprice(claim)
    claim.lines.filter(sent_amount__isnull=True).update(sent_amount=F("amount"))
    claim.checks_flagged = len(plausibility_checks(claim))
    claim.save(update_fields=["checks_flagged"])


@transaction.atomic
def claim_query(*, claim, actor, question) -> ExpenseClaim:
    claim = ensure(claim, "query", actor=actor, check=_approver_only(actor))
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
        _reprice(claim)
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
    claim = ensure(claim, "answer", check=_claimant_only(actor))
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer.")})
    claim = transition(claim, "answer", actor=actor, reason=answer)
    _sent(claim)
    return claim


@transaction.atomic
def line_decide(
    *, line, actor, decision, amount=None, reason="", miles=None
) -> ExpenseLine:
    """Approve, reduce or refuse one line. A mileage line may be allowed at fewer
    miles (`miles`): it then counts only those in the ledger, and it and the
    later lines are re-priced; other lines are reduced to a lower `amount`."""
    claim = ensure(line.claim, "decide_line", check=_approver_only(actor))
    line = claim.lines.select_related("category").get(pk=line.pk)
    mileage = line.category.kind == "mileage"
    D = ExpenseLine.Decision
    if decision in (D.REDUCED, D.REJECTED) and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for reducing or rejecting.")}
        )
    line.miles_allowed = None
    if decision == D.REDUCED and mileage and miles is not None:
        if not (0 < int(miles) < line.miles):
            raise ValidationError(
                {
                    "miles": _(
                        "The miles allowed must be more than 0 and fewer than the "
                        "%(miles)s miles claimed."
                    )
                    % {"miles": f"{line.miles:,}"}
                }
            )
        line.miles_allowed = int(miles)
    elif decision == D.REDUCED:
        if amount is None or not (Decimal(0) <= Decimal(amount) < line.amount):
            raise ValidationError(
                {"amount": _("A reduced amount must be less than the amount claimed.")}
            )
        line.approved_amount = Decimal(amount)
    elif decision == D.APPROVED:
        line.approved_amount = line.amount
    elif decision == D.REJECTED:
        line.approved_amount = Decimal(0)
    else:
        raise ValidationError(_("Choose a decision."))
    line.decision, line.decision_reason = decision, reason
    line.save()
    if mileage:
        _reprice(claim)
        line.refresh_from_db()
    audit_record(
        actor=actor, action=f"expense line {decision}", target=claim, reason=reason
    )
    return line


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
    claim = ensure(claim, "approve", actor=actor, check=_approver_only(actor))
    if claim.status == S.SUBMITTED:
        _reprice(claim)  # the price as it stands now is the price approved
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
        if total > second_approval_above():
            return transition(claim, "first_approval", actor=actor, changes=changes)
    else:
        if actor.pk == claim.first_approver_id:
            raise PermissionDenied(
                _("A second, different person must approve claims over %(limit)s.")
                % {"limit": format_money(second_approval_above())}
            )
        changes["second_approver"] = actor
    changes["decided_at"] = timezone.now()
    claim = transition(claim, "approve", actor=actor, changes=changes)
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
        check=_approver_only(actor),
        changes={"decided_at": timezone.now()},
    )
    _reprice(claim)  # its miles leave the ledger: later open lines re-priced
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
        changes={"decided_at": timezone.now()},
    )
    _reprice(withdrawn)  # its miles leave the ledger: later open lines re-priced
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


DECIDE_PRE_APPROVAL_PERM = "expenses.decide_preapproval"


@transaction.atomic
def pre_approval_request(
    *, claimant, kind, description, reason, estimated_cost
) -> PreApproval:
    """A resident asks before spending; staff are told through the queue."""
    errors = {}
    if kind not in ExpenseCategory.Kind.values:
        errors["kind"] = _("Choose the type of cost.")
    if not description.strip():
        errors["description"] = _("Say what you want to buy or pay for.")
    if not reason.strip():
        errors["reason"] = _("Say why you need it.")
    if estimated_cost is None or Decimal(estimated_cost) <= 0:
        errors["estimated_cost"] = _("Enter roughly how much it will cost, in pounds.")
    if errors:
        raise ValidationError(errors)
    pre_approval = PreApproval.objects.create(
        claimant=claimant,
        kind=kind,
        description=description,
        reason=reason,
        estimated_cost=estimated_cost,
    )
    audit_record(
        actor=claimant,
        action="expense pre-approval asked for",
        target=pre_approval,
        to_state=PreApproval.Status.PENDING,
    )
    return pre_approval


@transaction.atomic
def pre_approval_decide(
    *, pre_approval, actor, approve: bool, reason=""
) -> PreApproval:
    """Approve or refuse a pre-approval: never one's own; a refusal says why;
    audited and the resident is told."""
    P = PreApproval.Status
    if not actor.has_perm(DECIDE_PRE_APPROVAL_PERM):
        raise PermissionDenied
    check_separation(
        actor=actor,
        record=pre_approval,
        own_message=_("Nobody may decide their own pre-approval."),
    )

    def still_waiting(locked):
        if locked.status != P.PENDING:
            raise ValidationError(
                _("This pre-approval is already decided (%(status)s).")
                % {"status": locked.get_status_display().lower()}
            )

    pre_approval = transition(
        pre_approval,
        "approve" if approve else "refuse",
        actor=actor,
        reason=reason,
        check=still_waiting,
        changes={
            "decision_reason": reason,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    new = pre_approval.status
    values = {
        "ref": pre_approval.reference,
        "what": pre_approval.description,
        "cost": format_money(pre_approval.estimated_cost),
    }
    if approve:
        subject = _("You can go ahead: %(what)s (%(ref)s)") % values
        body = (
            _(
                "We agreed to pay up to %(cost)s for %(what)s. Keep the receipt and "
                "choose %(ref)s when you claim."
            )
            % values
        )
    else:
        subject = _("We cannot pay for %(what)s (%(ref)s)") % values
        body = reason
    notify(
        recipient=pre_approval.claimant,
        key=f"expenses:pre-approval:{pre_approval.pk}:{new}",
        subject=subject,
        body=body,
    )
    return pre_approval


@transaction.atomic
def pre_approval_withdraw(*, pre_approval, actor) -> PreApproval:
    """The resident withdraws their own request while it waits for a decision
    (audited like a decision; nobody is notified, as they did it themselves)."""
    P = PreApproval.Status

    def still_waiting(locked):
        if actor.pk != locked.claimant_id:
            raise PermissionDenied
        if locked.status == P.WITHDRAWN:
            raise ValidationError(
                _("You have already withdrawn %(ref)s.") % {"ref": locked.reference}
            )
        if locked.status != P.PENDING:
            raise ValidationError(
                _("%(ref)s is already decided (%(status)s), so it cannot be withdrawn.")
                % {
                    "ref": locked.reference,
                    "status": locked.get_status_display().lower(),
                }
            )

    pre_approval = transition(
        pre_approval,
        "withdraw",
        actor=actor,
        check=still_waiting,
        changes={"decided_at": timezone.now()},
    )
    return pre_approval
