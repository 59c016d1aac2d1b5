"""Involvement sources: hours a person logged and staff confirmed, and the
thank-you vouchers they were given."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, local_date, register_source
from portal.core.money import format_money

from .models import LoggedHours, Voucher


def confirmed_hours(start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Everyone's confirmed logged hours between two dates (one query)."""
    rows = (
        LoggedHours.objects.filter(
            status=LoggedHours.Status.CONFIRMED, done_on__gte=start, done_on__lte=end
        )
        .values("person_id")
        .annotate(total=Sum("hours"))
    )
    return {row["person_id"]: row["total"] for row in rows}


@register_source("volunteering", order=60, hours=confirmed_hours)
def volunteering(user):
    logged = LoggedHours.objects.filter(
        person=user, status=LoggedHours.Status.CONFIRMED
    )
    for row in logged:
        yield Item(
            date=row.done_on,
            kind=_("Volunteering"),
            title=row.activity,
            role=_("Volunteer"),
            hours=row.hours,
            url=reverse("volunteering:mine"),
        )
    for voucher in Voucher.objects.filter(person=user).select_related("rule"):
        yield Item(
            date=local_date(voucher.issued_at),
            kind=_("Thank-you voucher"),
            title=str(_("%(amount)s voucher: %(rule)s"))
            % {"amount": format_money(voucher.amount), "rule": voucher.rule.name},
            role=_("Reference %(reference)s") % {"reference": voucher.reference},
        )
