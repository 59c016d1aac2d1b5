"""Pre-approvals: a resident asks before spending, staff approve or refuse (never
their own), the resident may withdraw while it waits; a claim line then uses it once."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.money import format_money
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from ..models import (
    ENDED_UNPAID,
    ExpenseCategory,
    PreApproval,
)


def usable_pre_approval(*, pre_approval, claimant, kind) -> PreApproval:
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
        changes={"decision_reason": reason, "decided_by": actor},
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
    )
    return pre_approval
