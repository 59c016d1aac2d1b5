"""Expense claims: every change of state goes through here (keyword-only, atomic,
audited, notified). A transition is legal only from the states listed in LEGAL."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.services import audit_record, notify

from .calculator import calculate, is_late, tax_year_start
from .models import ExpenseClaim, ExpenseLine
from .selectors import policy_on

S = ExpenseClaim.Status
APPROVE_PERM = "expenses.approve_expenseclaim"

LEGAL = {
    "add_line": {S.DRAFT, S.QUERIED},
    "submit": {S.DRAFT},
    "query": {S.SUBMITTED, S.SECOND_APPROVAL},
    "answer": {S.QUERIED},
    "decide_line": {S.SUBMITTED},
    "approve": {S.SUBMITTED, S.SECOND_APPROVAL},
    "reject": {S.SUBMITTED, S.SECOND_APPROVAL},
    "settle": {S.APPROVED, S.PAYMENT_FAILED},
}


def second_approval_above() -> Decimal:
    return Decimal(
        str(getattr(settings, "INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE", 100))
    )


def _require(claim, step):
    if claim.status not in LEGAL[step]:
        raise ValidationError(
            _("This claim is %(status)s, so that cannot be done now.")
            % {"status": claim.get_status_display().lower()}
        )


def _lock(claim) -> ExpenseClaim:
    return ExpenseClaim.objects.select_for_update().get(pk=claim.pk)


def _approver_check(claim, actor):
    if not actor.has_perm(APPROVE_PERM):
        raise PermissionDenied
    if actor.pk == claim.claimant_id:
        raise PermissionDenied(_("Nobody may approve their own claim."))


def mileage_so_far(*, user, day, exclude_claim=None) -> int:
    """Miles already claimed by `user` in the tax year of `day` (not rejected)."""
    from django.db.models import Sum

    lines = ExpenseLine.objects.filter(
        claim__claimant=user,
        claim__activity_date__gte=tax_year_start(day),
        claim__activity_date__lt=day,
        category__kind="mileage",
    ).exclude(claim__status=S.REJECTED)
    if exclude_claim is not None:
        lines = lines.exclude(claim=exclude_claim)
    return lines.aggregate(total=Sum("miles"))["total"] or 0


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
) -> ExpenseLine:
    claim = _lock(claim)
    if actor.pk != claim.claimant_id:
        raise PermissionDenied
    _require(claim, "add_line")
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
            .exclude(claim__status=S.REJECTED)
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
    before = mileage_so_far(user=claim.claimant, day=claim.activity_date)
    before += sum(line.miles for line in claim.lines.filter(category__kind="mileage"))
    result = calculate(
        category=category,
        receipt_required_above=policy.receipt_required_above,
        miles=miles,
        passengers=passengers,
        miles_before=before,
        hours=Decimal(hours),
        spent=Decimal(spent),
        reason=reason,
        has_receipt=receipt is not None,
    )
    if result.problems:
        raise ValidationError(result.problems)
    line = ExpenseLine.objects.create(
        claim=claim,
        category=category,
        miles=miles,
        passengers=passengers,
        hours=hours,
        spent=spent,
        reason=reason,
        receipt=receipt,
        amount=result.amount,
        explanation=result.explanation,
    )
    audit_record(actor=actor, action="expense line added", target=claim)
    return line


@transaction.atomic
def claim_submit(*, claim, actor, declared, late_reason="", today=None) -> ExpenseClaim:
    claim = _lock(claim)
    if actor.pk != claim.claimant_id:
        raise PermissionDenied
    _require(claim, "submit")
    errors = {}
    if not declared:
        errors["declared"] = _("Confirm the declaration to send your claim.")
    if not claim.lines.exists():
        errors["__all__"] = _("Add at least one cost before sending your claim.")
    today = today or london_today()
    policy = policy_on(claim.activity_date)
    months = policy.claim_deadline_months if policy else 3
    if (
        is_late(activity_date=claim.activity_date, submitted_on=today, months=months)
        and not late_reason.strip()
    ):
        errors["late_reason"] = _(
            "Claims must reach us within %(months)s months of the activity. "
            "Tell us why this one is late."
        ) % {"months": months}
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    claim.status, claim.declared_at, claim.submitted_at = S.SUBMITTED, now, now
    claim.late_reason = late_reason
    claim.save()
    audit_record(
        actor=actor,
        action="expense claim submitted",
        target=claim,
        from_state=S.DRAFT,
        to_state=S.SUBMITTED,
        reason=late_reason,
    )
    return claim


@transaction.atomic
def claim_query(*, claim, actor, question) -> ExpenseClaim:
    claim = _lock(claim)
    _approver_check(claim, actor)
    _require(claim, "query")
    if not question.strip():
        raise ValidationError({"question": _("Write the question for the claimant.")})
    old = claim.status
    claim.status, claim.query = S.QUERIED, question
    claim.first_approver = None
    claim.save()
    audit_record(
        actor=actor,
        action="expense claim queried",
        target=claim,
        from_state=old,
        to_state=S.QUERIED,
        reason=question,
    )
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
    claim = _lock(claim)
    if actor.pk != claim.claimant_id:
        raise PermissionDenied
    _require(claim, "answer")
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer.")})
    claim.status = S.SUBMITTED
    claim.save()
    audit_record(
        actor=actor,
        action="expense query answered",
        target=claim,
        from_state=S.QUERIED,
        to_state=S.SUBMITTED,
        reason=answer,
    )
    return claim


@transaction.atomic
def line_decide(*, line, actor, decision, amount=None, reason="") -> ExpenseLine:
    claim = _lock(line.claim)
    _approver_check(claim, actor)
    _require(claim, "decide_line")
    D = ExpenseLine.Decision
    if decision in (D.REDUCED, D.REJECTED) and not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason for reducing or rejecting.")}
        )
    if decision == D.REDUCED:
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
    audit_record(
        actor=actor, action=f"expense line {decision}", target=claim, reason=reason
    )
    return line


@transaction.atomic
def claim_approve(*, claim, actor) -> ExpenseClaim:
    """Approve the decided lines. Above the threshold a second, different approver
    is needed; then the payment is made due."""
    claim = _lock(claim)
    _approver_check(claim, actor)
    _require(claim, "approve")
    lines = list(claim.lines.all())
    if claim.status == S.SUBMITTED:
        if any(line.decision == ExpenseLine.Decision.PENDING for line in lines):
            raise ValidationError(_("Decide every line before approving the claim."))
        total = sum((line.approved_amount for line in lines), Decimal(0))
        if total <= 0:
            raise ValidationError(
                _("Every line was rejected: reject the claim instead.")
            )
        claim.approved_total = total
        claim.first_approver = actor
        if total > second_approval_above():
            old, claim.status = claim.status, S.SECOND_APPROVAL
            claim.save()
            audit_record(
                actor=actor,
                action="expense claim first approval",
                target=claim,
                from_state=old,
                to_state=claim.status,
            )
            return claim
    else:
        if actor.pk == claim.first_approver_id:
            raise PermissionDenied(
                _("A second, different person must approve claims over %(limit)s.")
                % {"limit": f"£{second_approval_above():,.2f}"}
            )
        claim.second_approver = actor
    old, claim.status, claim.decided_at = claim.status, S.APPROVED, timezone.now()
    claim.save()
    audit_record(
        actor=actor,
        action="expense claim approved",
        target=claim,
        from_state=old,
        to_state=S.APPROVED,
    )
    _make_payment_due(claim=claim, actor=actor)
    notify(
        recipient=claim.claimant,
        key=f"expenses:{claim.pk}:approved",
        subject=_("Your expenses claim %(ref)s is approved") % {"ref": claim.reference},
        body=_("We will pay you £%(total)s.")
        % {"total": f"{claim.approved_total:,.2f}"},
    )
    return claim


def _make_payment_due(*, claim, actor):
    from django.apps import apps

    if not apps.is_installed("portal.payments"):  # not merged yet
        return None
    from portal.payments.services import payment_due

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
    claim = _lock(claim)
    _approver_check(claim, actor)
    _require(claim, "reject")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting the claim.")})
    old, claim.status, claim.decided_at = claim.status, S.REJECTED, timezone.now()
    claim.save()
    audit_record(
        actor=actor,
        action="expense claim rejected",
        target=claim,
        from_state=old,
        to_state=S.REJECTED,
        reason=reason,
    )
    notify(
        recipient=claim.claimant,
        key=f"expenses:{claim.pk}:rejected",
        subject=_("Your expenses claim %(ref)s was not approved")
        % {"ref": claim.reference},
        body=reason,
    )
    return claim


def claim_payment_settled(*, claim, payment, actor):
    """Move the claim to paid or payment failed (inside the payment's transaction)."""
    claim = _lock(claim)
    _require(claim, "settle")
    new = S.PAID if payment.status == "paid" else S.PAYMENT_FAILED
    old, claim.status = claim.status, new
    claim.save()
    audit_record(
        actor=actor,
        action=f"expense claim {new}",
        target=claim,
        from_state=old,
        to_state=new,
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
