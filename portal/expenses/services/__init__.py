"""Expense services by subject: claims (the claim's moves), lines (its costs),
pre-approvals (asking before spending); `rules` holds the checks they share."""

from ..models import second_approval_above
from .claims import (
    claim_answer,
    claim_approve,
    claim_payment_settled,
    claim_query,
    claim_reject,
    claim_start,
    claim_submit,
    claim_withdraw,
)
from .lines import claim_add_line, claim_remove_line, line_decide, spent_in_tax_year
from .pre_approvals import (
    pre_approval_decide,
    pre_approval_request,
    pre_approval_withdraw,
)

__all__ = [
    "claim_add_line",
    "claim_answer",
    "claim_approve",
    "claim_payment_settled",
    "claim_query",
    "claim_reject",
    "claim_remove_line",
    "claim_start",
    "claim_submit",
    "claim_withdraw",
    "line_decide",
    "pre_approval_decide",
    "pre_approval_request",
    "pre_approval_withdraw",
    "second_approval_above",
    "spent_in_tax_year",
]
