import datetime

from django.db import models
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.money import format_money

from .calculator import policy_in_force
from .models import ExpensePolicy


def policy_on(day: datetime.date) -> ExpensePolicy | None:
    """The policy version in force on `day`, with its categories."""
    return (
        ExpensePolicy.objects.filter(effective_from__lte=day)
        .prefetch_related("categories")
        .order_by("-effective_from")
        .first()
    )


def category_for(policy: ExpensePolicy, kind: str):
    for category in policy.categories.all():
        if category.kind == kind:
            return category
    return None


__all__ = ["category_for", "claim_is_late", "policy_in_force", "policy_on"]


def claim_deadline_months(claim) -> int:
    policy = policy_on(claim.activity_date)
    return policy.claim_deadline_months if policy else 3


def claim_is_late(claim, months: int | None = None) -> bool:
    """Flagged when sent after the policy's deadline; a draft is late if sent
    today would be."""
    from .calculator import is_late

    if claim.submitted_at:
        return claim.submitted_late
    if months is None:
        months = claim_deadline_months(claim)
    return is_late(
        activity_date=claim.activity_date, submitted_on=london_today(), months=months
    )


def claim_checks(claim) -> list[str]:
    """Plain-English warnings for the approver (and the claimant before sending):
    duplicate receipts, a cost claimed before, absent from the meeting, caps, late."""
    from portal.participation.selectors import attendance_status

    from .models import ExpenseClaim, ExpenseLine

    warnings = []
    lines = list(claim.lines.select_related("category", "receipt"))
    others = ExpenseLine.objects.exclude(claim=claim).exclude(
        claim__status=ExpenseClaim.Status.REJECTED
    )
    hashes = {line.receipt.sha256 for line in lines if line.receipt_id}
    if hashes:
        for ref in (
            others.filter(receipt__sha256__in=hashes)
            .values_list("claim_id", flat=True)
            .distinct()
        ):
            warnings.append(
                _("The same receipt file is already on claim EXP%(pk)06d.")
                % {"pk": ref}
            )
    for line in lines:
        same = others.filter(
            claim__claimant_id=claim.claimant_id,
            claim__activity_date=claim.activity_date,
            category__kind=line.category.kind,
            amount=line.amount,
        ).values_list("claim_id", flat=True)
        for ref in same[:3]:
            warnings.append(
                _(
                    "%(name)s for %(amount)s on this date was already claimed on "
                    "claim EXP%(pk)06d."
                )
                % {
                    "name": line.category.name,
                    "amount": format_money(line.amount),
                    "pk": ref,
                }
            )
        if line.spent and line.amount < line.spent:
            warnings.append(
                _("%(name)s: the amount was capped by the policy (%(why)s)")
                % {"name": line.category.name, "why": line.explanation}
            )
    if (
        claim.meeting_id
        and attendance_status(claim.claimant, claim.meeting) == "absent"
    ):
        warnings.append(_("The attendance record says this person was absent."))
    months = claim_deadline_months(claim)
    if claim_is_late(claim, months):
        warnings.append(
            _(
                "Late claim (more than %(months)s months after the activity). "
                "Reason: %(why)s"
            )
            % {"months": months, "why": claim.late_reason or _("none given")}
        )
        if claim.late_override_reason:
            warnings.append(
                _("Late claim allowed by an approver: %(why)s")
                % {"why": claim.late_override_reason}
            )
    return warnings


APPROVED_STATES = ("approved", "paid", "payment_failed")


def spend_by_category_and_month(*, start, end):
    """Approved spend (£) per category kind and month of the activity, for reports."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce, TruncMonth

    from .models import ExpenseLine

    return list(
        ExpenseLine.objects.filter(
            claim__status__in=APPROVED_STATES,
            claim__activity_date__gte=start,
            claim__activity_date__lte=end,
        )
        .annotate(month=TruncMonth("claim__activity_date"))
        .values("category__kind", "month")
        .annotate(total=Sum(Coalesce("approved_amount", "amount")))
        .order_by("month", "category__kind")
    )


def tax_year_mileage(*, day):
    """Each claimant's miles by car in the tax year containing `day` (not rejected)."""
    from django.db.models import Sum

    from .calculator import tax_year_end, tax_year_start
    from .models import ExpenseLine

    return list(
        ExpenseLine.objects.filter(
            category__kind="mileage",
            claim__activity_date__gte=tax_year_start(day),
            claim__activity_date__lte=tax_year_end(day),
        )
        .exclude(claim__status__in=("rejected", "draft"))
        .values("claim__claimant_id", "claim__claimant__email")
        .annotate(miles=Sum("miles"))
        .order_by("-miles")
    )


def spend_by(field: str, *, start, end):
    """Approved spend grouped by one field of the line (e.g. the meeting's body or
    area), largest first: one query."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce

    from .models import ExpenseLine

    return list(
        ExpenseLine.objects.filter(
            claim__status__in=APPROVED_STATES,
            claim__activity_date__gte=start,
            claim__activity_date__lte=end,
        )
        .values(label=models.F(field))
        .annotate(total=Sum(Coalesce("approved_amount", "amount")))
        .order_by("-total")
    )


def pre_approvals_to_use(user):
    """The person's approved pre-approvals not yet used on a claim (not rejected)."""
    from .models import ExpenseLine, PreApproval

    used = (
        ExpenseLine.objects.filter(pre_approval__claimant=user)
        .exclude(claim__status="rejected")
        .values("pre_approval_id")
    )
    return (
        PreApproval.objects.filter(claimant=user, status=PreApproval.Status.APPROVED)
        .exclude(pk__in=used)
        .order_by("-created_at")
    )
