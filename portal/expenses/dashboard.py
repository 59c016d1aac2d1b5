"""Dashboard cards: my expense claims (draft, queried, approved, paid) with
what to do next, and my pre-approvals."""

from django.db.models import Case, Count, F, Q, Sum, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.dashboard import Action, Card, register_card

from .models import ExpenseClaim, PreApproval

Status = ExpenseClaim.Status

NEXT_STEP = {
    Status.DRAFT: gettext_lazy("Next: add your costs and send the claim."),
    Status.QUERIED: gettext_lazy("Next: we have a question. Answer it."),
    Status.SUBMITTED: gettext_lazy("Next: nothing for now. We are checking it."),
    Status.SECOND_APPROVAL: gettext_lazy("Next: nothing for now. We are checking it."),
    Status.APPROVED: gettext_lazy("Next: nothing for now. We will pay you."),
    Status.PAYMENT_FAILED: gettext_lazy(
        "Next: check your bank details. We could not pay you."
    ),
}


CLOSED = [Status.PAID, Status.REJECTED, Status.WITHDRAWN]


@register_card(order=60)
def claims_card(request) -> Card:
    """The person's newest open claims, and how many were paid and how much, in
    one query: the paid count and total are window sums over all their claims,
    read with the five newest open and the five newest closed (those carry the
    totals when none is open)."""
    is_open = Case(When(status__in=CLOSED, then=False), default=True)
    paid = Q(status=Status.PAID)
    rows = list(
        ExpenseClaim.objects.filter(claimant=request.user)
        .annotate(
            total=Sum("lines__amount"),
            paid=Window(Count("pk", filter=paid)),
            paid_total=Window(Sum("approved_total", filter=paid)),
            rank=Window(
                RowNumber(), partition_by=is_open, order_by=F("created_at").desc()
            ),
        )
        .filter(rank__lte=5)
        .order_by("-created_at")
    )
    open_claims = [claim for claim in rows if claim.status not in CLOSED]
    counts = {
        "paid": rows[0].paid if rows else 0,
        "paid_total": rows[0].paid_total if rows else None,
    }
    for claim in open_claims:
        claim.next_step = NEXT_STEP.get(claim.status, "")
    return Card(
        key="my-claims",
        title=_("My expense claims"),
        template="expenses/cards/claims.html",
        context={"claims": open_claims, **counts},
        actions=[Action(_("Claim expenses"), reverse("expenses:new"), True)],
        order=60,
    )


@register_card(order=65)
def pre_approvals_card(request) -> Card:
    pre_approvals = list(
        PreApproval.objects.filter(claimant=request.user)
        .exclude(status=PreApproval.Status.WITHDRAWN)
        .order_by("-pk")[:5]
    )
    return Card(
        key="my-pre-approvals",
        title=_("Asking before you spend"),
        template="expenses/cards/pre_approvals.html",
        context={"pre_approvals": pre_approvals},
        order=65,
    )
