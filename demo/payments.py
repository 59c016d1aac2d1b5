"""Bank details in each state: the chair's and Anchor House TRA's checked, the
neighbour's waiting for finance to check."""

import datetime

from portal.accounts.models import User
from portal.groups.models import Group
from portal.payments.models import BankDetails
from portal.payments.services import bank_details_submit, bank_details_verify


def build_payments() -> None:
    if BankDetails.objects.exists():
        return
    finance = User.objects.get(email="finance@example.org")
    chair = User.objects.get(email="chair@example.org")
    anchor = Group.objects.get(name__startswith="Anchor House")
    for owner in [{"owner_user": chair}, {"owner_group": anchor}]:
        details = bank_details_submit(
            account_name="Anchor House TRA" if "owner_group" in owner else "C Chair",
            sort_code="309457",
            account_number="12345678" if "owner_group" in owner else "23456789",
            actor=chair,
            **owner,
        )
        details = bank_details_verify(details=details, actor=finance)
        details.payments_held_until = datetime.date(2026, 1, 5)  # long since cleared
        details.save(update_fields=["payments_held_until"])
    bank_details_submit(
        owner_user=User.objects.get(email="neighbour@example.org"),
        account_name="N Neighbour",
        sort_code="401234",
        account_number="34567890",
        actor=User.objects.get(email="neighbour@example.org"),
    )
