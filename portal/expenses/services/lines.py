"""A claim's costs: the claimant adds and removes lines while the claim is theirs
to change; an approver decides each line (approve, reduce, refuse) before
deciding the claim. Lines are priced by the calculator, under yearly caps and
the mileage ledger."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.money import format_money
from portal.core.services import audit_record
from portal.core.transitions import ensure

from ..calculator import calculate, tax_year_end, tax_year_start
from ..ledger import lock_claimant
from ..models import (
    ENDED_UNPAID,
    ExpenseLine,
)
from ..selectors import policy_on
from .pre_approvals import usable_pre_approval
from .rules import (
    S,
    approver_only,
    claimant_only,
    reprice,
)


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
    claim = ensure(claim, "add_line", check=claimant_only(actor))
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
        pre_approval = usable_pre_approval(
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
        reprice(claim)
        line.refresh_from_db()
    audit_record(actor=actor, action="expense line added", target=claim)
    return line


@transaction.atomic
def claim_remove_line(*, line, actor) -> None:
    """The claimant takes a cost off their claim while they may still add costs
    (a draft, or a claim we asked them about). Deleting the line frees its
    pre-approval and its share of any yearly cap; the receipt file is kept (there
    is no shared way to delete private files yet) but may be used again."""
    claim = ensure(line.claim, "remove_line", check=claimant_only(actor))
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
        reprice(claim)
    audit_record(
        actor=actor, action="expense line removed", target=claim, reason=removed
    )


@transaction.atomic
def line_decide(
    *, line, actor, decision, amount=None, reason="", miles=None
) -> ExpenseLine:
    """Approve, reduce or refuse one line. A mileage line may be allowed at fewer
    miles (`miles`): it then counts only those in the ledger, and it and the
    later lines are re-priced; other lines are reduced to a lower `amount`."""
    claim = ensure(line.claim, "decide_line", check=approver_only(actor))
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
        reprice(claim)
        line.refresh_from_db()
    audit_record(
        actor=actor, action=f"expense line {decision}", target=claim, reason=reason
    )
    return line
