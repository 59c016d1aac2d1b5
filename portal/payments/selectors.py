"""Reads for payments: whose details are current, and whether a payment can go."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext as _

from portal.core.dates import london_today

from .models import BankDetails, Payment


def bank_details_for(*, user=None, group=None) -> BankDetails | None:
    """The owner's current (not replaced) details, checked or not."""
    owner = {"user": user} if user is not None else {"group": group}
    return BankDetails.objects.filter(**owner).exclude(status="replaced").first()


def payments_for_source(source):
    return Payment.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=str(source.pk)
    )


def paid_in(model, start_at, end_at) -> dict[int, tuple]:
    """{source pk: (amount, paid at)} for the payments of `model`'s records
    paid between two moments: what the money reports count by payment date."""
    return {
        int(source_id): (amount, paid_at)
        for source_id, amount, paid_at in Payment.objects.filter(
            source_type=ContentType.objects.get_for_model(model),
            status=Payment.Status.PAID,
            paid_at__gte=start_at,
            paid_at__lt=end_at,
        ).values_list("source_id", "amount", "paid_at")
    }


def current_details_by_payee(payments) -> dict:
    """Each payee's current bank details, for many payments in one query."""
    users = {p.payee_user_id for p in payments if p.payee_user_id}
    groups = {p.payee_group_id for p in payments if p.payee_group_id}
    current = BankDetails.objects.filter(
        Q(user_id__in=users) | Q(group_id__in=groups)
    ).exclude(status=BankDetails.Status.REPLACED)
    return {(d.user_id, d.group_id): d for d in current}


def payment_ready(payment: Payment, details_by_payee=None) -> tuple[bool, str]:
    """Whether a bank payment can go in a run now, and if not, why not. Pass
    `current_details_by_payee(payments)` when checking many."""
    if payment.status != Payment.Status.DUE:
        return False, _("It is not due.")
    if payment.method != Payment.Method.BANK:
        return False, _("It is paid another way.")
    if details_by_payee is None:
        details_by_payee = current_details_by_payee([payment])
    details = details_by_payee.get((payment.payee_user_id, payment.payee_group_id))
    if details is None:
        return False, _("We have no bank details for them.")
    if details.status != BankDetails.Status.VERIFIED:
        return False, _("Their bank details are still being checked.")
    if details.payments_held_until and details.payments_held_until > london_today():
        return False, _("Their bank details changed recently: held until %(date)s.") % {
            "date": details.payments_held_until.strftime("%-d %B %Y")
        }
    return True, ""
