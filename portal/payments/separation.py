"""Who bank details and payments belong to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import BankDetails, Payment


@belongs_to(BankDetails)
def _bank_details(details):
    return parties(
        people=[details.user_id, details.submitted_by_id], groups=[details.group_id]
    )


@belongs_to(Payment)
def _payment(payment):
    return parties(people=[payment.payee_user_id], groups=[payment.payee_group_id])
