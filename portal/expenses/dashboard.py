"""Dashboard cards: my expense claims (draft, queried, approved, paid) with
what to do next, and my pre-approvals."""

from django.db.models import Count, Q, Sum
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


@register_card(order=60)
def claims_card(request) -> Card:
    claims = ExpenseClaim.objects.filter(claimant=request.user)
    counts = claims.aggregate(
        paid=Count("pk", filter=Q(status=Status.PAID)),
        paid_total=Sum("approved_total", filter=Q(status=Status.PAID)),
    )
    open_claims = list(
        claims.exclude(status__in=[Status.PAID, Status.REJECTED, Status.WITHDRAWN])
        .annotate(total=Sum("lines__amount"))
        .order_by("-created_at")[:5]
    )
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
