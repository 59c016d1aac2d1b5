from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal.core.models import AuditEntry
from portal.groups.selectors import is_officer

from .models import ExpenseClaim


def _claims_for(user):
    return ExpenseClaim.objects.filter(claimant=user)


@login_required
def my_claims(request):
    """My expenses claims, newest first, with their state."""
    claims = _claims_for(request.user).select_related("group").order_by("-created_at")
    page = Paginator(claims, 20).get_page(request.GET.get("page"))
    return render(request, "expenses/my_claims.html", {"page": page})


@login_required
def claim_detail(request, pk):
    """One claim: its lines with how each was worked out, any question for the
    claimant, and the status timeline. Only the claimant (or an officer of the
    group it is for) may see it."""
    claim = get_object_or_404(
        ExpenseClaim.objects.select_related("group", "meeting"), pk=pk
    )
    if claim.claimant_id != request.user.pk and not (
        claim.group_id and is_officer(request.user, claim.group)
    ):
        raise Http404
    timeline = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ExpenseClaim),
        object_id=str(claim.pk),
    ).order_by("created_at")
    return render(
        request,
        "expenses/claim_detail.html",
        {
            "claim": claim,
            "lines": claim.lines.select_related("category"),
            "timeline": timeline,
        },
    )
