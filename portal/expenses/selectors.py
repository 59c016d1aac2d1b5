import datetime
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.accounts.roles import INVOLVEMENT_OFFICERS
from portal.core.dates import london_today
from portal.core.models import AuditEntry
from portal.core.money import format_money

from .models import ExpenseClaim, ExpensePolicy


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


def staff_dealing_with(claim: ExpenseClaim) -> list:
    """The active staff who have worked on `claim` (asked about it, decided a
    line, gave the first approval), in the order they first did; if nobody yet,
    the active Involvement officers, who work the approvers' queue."""
    User = get_user_model()
    acted = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ExpenseClaim),
            object_id=str(claim.pk),
            actor__isnull=False,
        )
        .exclude(actor_id=claim.claimant_id)
        .order_by("pk")
        .values_list("actor_id", flat=True)
    )
    ids = list(dict.fromkeys([*acted, claim.first_approver_id]))
    people = {
        person.pk: person
        for person in User.objects.filter(pk__in=[i for i in ids if i], is_active=True)
    }
    if people:
        return [people[i] for i in ids if i in people]
    return list(
        User.objects.filter(groups__name=INVOLVEMENT_OFFICERS, is_active=True)
        .exclude(pk=claim.claimant_id)
        .distinct()
        .order_by("pk")
    )


__all__ = ["category_for", "claim_is_late", "policy_on", "staff_dealing_with"]


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

    from .models import ENDED_UNPAID, ExpenseLine

    warnings = []
    lines = list(claim.lines.select_related("category", "receipt"))
    others = ExpenseLine.objects.exclude(claim=claim).exclude(
        claim__status__in=ENDED_UNPAID
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
    """Each claimant's miles by car in the tax year containing `day` (sent, not
    refused or withdrawn)."""
    from django.db.models import Sum

    from .calculator import tax_year_end, tax_year_start
    from .models import ExpenseLine

    return list(
        ExpenseLine.objects.filter(
            category__kind="mileage",
            claim__activity_date__gte=tax_year_start(day),
            claim__activity_date__lte=tax_year_end(day),
        )
        .exclude(claim__status__in=("rejected", "withdrawn", "draft"))
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
    """The person's approved pre-approvals not yet used on a claim (one refused
    or withdrawn frees it)."""
    from .models import ENDED_UNPAID, ExpenseLine, PreApproval

    used = (
        ExpenseLine.objects.filter(pre_approval__claimant=user)
        .exclude(claim__status__in=ENDED_UNPAID)
        .values("pre_approval_id")
    )
    return (
        PreApproval.objects.filter(claimant=user, status=PreApproval.Status.APPROVED)
        .exclude(pk__in=used)
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class Check:
    """One plausibility warning for the approver: about a line (`line_id`) or
    about the whole claim (`line_id` None). It never blocks approval."""

    line_id: int | None
    reason: str


SENT_STATES = (
    "submitted",
    "queried",
    "second_approval",
    "approved",
    "paid",
    "payment_failed",
)
MEDIAN_NEEDS_CLAIMS = 3  # fewer earlier claims say nothing about what is usual


def plausibility_checks(claim, lines=None) -> list[Check]:
    """The policy's plausibility checks (thresholds as data on ExpensePolicy):
    a long journey, care much longer than the meeting, more claims for one day
    than usual, a claim far above the person's usual claim. Four queries."""
    from .models import ExpenseClaim

    policy = policy_on(claim.activity_date)
    if policy is None:
        return []
    if lines is None:
        lines = list(claim.lines.select_related("category"))
    checks = [check for line in lines for check in _line_checks(policy, claim, line)]
    others = ExpenseClaim.objects.filter(
        claimant_id=claim.claimant_id, status__in=SENT_STATES
    ).exclude(pk=claim.pk)
    most = policy.most_claims_a_day
    if most is not None:
        same_day = others.filter(activity_date=claim.activity_date).count() + 1
        if same_day > most:
            checks.append(
                Check(
                    None,
                    _(
                        "%(count)s claims by this person for %(day)s: more than "
                        "the %(most)s we expect for one day."
                    )
                    % {
                        "count": same_day,
                        "day": date_format(claim.activity_date, "j F Y"),
                        "most": most,
                    },
                )
            )
    times = policy.claim_times_median
    if times is not None:
        totals = sorted(
            others.annotate(total=Sum("lines__amount")).values_list("total", flat=True)
        )
        totals = [total for total in totals if total is not None]
        total = sum((line.amount for line in lines), Decimal(0))
        if len(totals) >= MEDIAN_NEEDS_CLAIMS:
            usual = Decimal(median(totals))
            if total > usual * times:
                checks.append(
                    Check(
                        None,
                        _(
                            "This claim (%(total)s) is more than %(times)s times "
                            "this person's usual claim (%(usual)s)."
                        )
                        % {
                            "total": format_money(total),
                            "times": f"{times.normalize():f}",
                            "usual": format_money(usual),
                        },
                    )
                )
    return checks


def _line_checks(policy, claim, line):
    kind, limit = line.category.kind, policy.long_journey_miles
    if kind in ("mileage", "cycling") and limit is not None and line.miles > limit:
        yield Check(
            line.pk,
            _(
                "%(miles)s miles for one journey: more than the %(limit)s miles "
                "we expect."
            )
            % {"miles": f"{line.miles:,}", "limit": f"{limit:,}"},
        )
    if kind != "care" or not line.hours:
        return
    meeting, beyond = claim.meeting, policy.care_hours_beyond_meeting
    if meeting is not None and meeting.start and meeting.end:
        if beyond is None:
            return
        length = Decimal((meeting.end - meeting.start).total_seconds()) / 3600
        if line.hours > length + beyond:
            yield Check(
                line.pk,
                _(
                    "%(hours)s hours of care for a meeting of %(length)s hours: "
                    "more than the meeting plus %(beyond)s hours."
                )
                % {
                    "hours": _hours(line.hours),
                    "length": _hours(length),
                    "beyond": _hours(beyond),
                },
            )
        return
    limit = policy.care_hours_without_meeting
    if limit is not None and line.hours > limit:
        yield Check(
            line.pk,
            _("%(hours)s hours of care: more than the %(limit)s hours we expect.")
            % {"hours": _hours(line.hours), "limit": _hours(limit)},
        )


def _hours(value) -> str:
    return f"{Decimal(value).quantize(Decimal('0.1')).normalize():f}"
