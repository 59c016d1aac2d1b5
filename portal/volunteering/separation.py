"""Who volunteer hours and vouchers belong to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import LoggedHours, Voucher


@belongs_to(LoggedHours)
def _hours(hours):
    return parties(people=[hours.person_id])


@belongs_to(Voucher)
def _voucher(voucher):
    return parties(people=[voucher.person_id])
