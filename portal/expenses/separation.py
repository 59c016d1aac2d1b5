"""Who expense claims and pre-approvals belong to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import ExpenseClaim, PreApproval


@belongs_to(ExpenseClaim)
def _claim(claim):
    return parties(people=[claim.claimant_id], groups=[claim.group_id])


@belongs_to(PreApproval)
def _pre_approval(pre_approval):
    return parties(people=[pre_approval.claimant_id])
