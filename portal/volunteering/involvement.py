"""Involvement sources: hours a person logged and staff confirmed, and the
thank-you vouchers they were given."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    local_date,
    register_source,
    summary_columns,
)
from portal.core.money import format_money

from .models import LoggedHours, Voucher

VOLUNTEERING = _("Volunteering")
VOUCHER = _("Thank-you voucher")


def _confirmed(user):
    return LoggedHours.objects.filter(person=user, status=LoggedHours.Status.CONFIRMED)


def voucher_title(amount: Decimal, rule: str) -> str:
    return str(_("%(amount)s voucher: %(rule)s")) % {
        "amount": format_money(amount),
        "rule": rule,
    }


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


def summary(user):
    return [
        _confirmed(user).values(
            **summary_columns(
                date="done_on", kind=VOLUNTEERING, title="activity", hours="hours"
            )
        ),
        Voucher.objects.filter(person=user).values(
            **summary_columns(
                date=TruncDate("issued_at"),
                kind=VOUCHER,
                title="rule__name",
                amount="amount",
            )
        ),
    ]


def summary_title(row: dict) -> str:
    """A voucher's title says its value and rule, as on the record page."""
    if row["item_amount"] is None:
        return row["item_title"]
    return voucher_title(row["item_amount"], row["item_title"])


@register_source(
    "volunteering",
    order=60,
    hours=confirmed_hours,
    summary=summary,
    title=summary_title,
)
def volunteering(user):
    for row in _confirmed(user):
        yield Item(
            date=row.done_on,
            kind=VOLUNTEERING,
            title=row.activity,
            role=_("Volunteer"),
            hours=row.hours,
            url=reverse("volunteering:mine"),
        )
    for voucher in Voucher.objects.filter(person=user).select_related("rule"):
        yield Item(
            date=local_date(voucher.issued_at),
            kind=VOUCHER,
            title=voucher_title(voucher.amount, voucher.rule.name),
            role=_("Reference %(reference)s") % {"reference": voucher.reference},
        )
