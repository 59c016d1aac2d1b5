"""Expenses paid and the days from claim to payment (`portal.reports`)."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.payments.selectors import paid_in
from portal.reports.registry import (
    DAYS,
    MONEY,
    MONEY_SECTION,
    Bar,
    Figure,
    day_cell,
    register_measure,
    register_records,
)

from .models import ExpenseClaim


def _paid(period, scope) -> list[tuple]:
    """(claim activity, amount, days from submitting to payment, reference,
    sent, paid) for each claim paid in the period (two queries)."""
    payments = paid_in(ExpenseClaim, period.start_at, period.end_at)
    claims = ExpenseClaim.objects.filter(pk__in=list(payments)).filter(
        scope.q(estate="claimant__resident_profile__home__estate")
    )
    rows = []
    for pk, activity, submitted_at in claims.values_list(
        "pk", "activity", "submitted_at"
    ):
        amount, paid_at = payments[pk]
        days = (
            (
                timezone.localtime(paid_at).date()
                - timezone.localtime(submitted_at).date()
            ).days
            if submitted_at
            else None
        )
        reference = ExpenseClaim(pk=pk).reference
        rows.append((activity, amount, days, reference, submitted_at, paid_at))
    return sorted(rows, key=lambda row: (row[5], row[3]))


def _records(rows):
    labels = dict(ExpenseClaim.Activity.choices)
    yield [
        gettext("Claim"),
        gettext("Activity"),
        gettext("Sent"),
        gettext("Paid"),
        gettext("Days to pay"),
        gettext("Amount paid (£)"),
    ]
    for activity, amount, days, reference, submitted_at, paid_at in rows:
        yield [
            reference,
            str(labels[activity]),
            day_cell(submitted_at),
            day_cell(paid_at),
            "" if days is None else days,
            amount,
        ]


@register_records("expenses_paid")
def expenses_paid_records(period, scope):
    return _records(_paid(period, scope))


@register_records("expenses_days_to_pay")
def expenses_days_to_pay_records(period, scope):
    """The claims paid with a date sent (the average counts only those)."""
    return _records(row for row in _paid(period, scope) if row[2] is not None)


@register_measure(
    key="expenses_paid",
    section=MONEY_SECTION,
    label=_("Expenses paid"),
    definition=_(
        "The total paid to residents for expense claims in the period. In an "
        "area or estate, claimants whose checked home is there. Bars: by "
        "activity."
    ),
    unit=MONEY,
    order=30,
)
def expenses_paid(period, scope):
    labels = dict(ExpenseClaim.Activity.choices)
    totals: dict[str, Decimal] = {}
    rows = _paid(period, scope)
    for activity, amount, *_rest in rows:
        totals[activity] = totals.get(activity, Decimal(0)) + amount
    return Figure(
        value=sum(totals.values(), Decimal(0)),
        count=len(rows),
        bars=[Bar(str(labels[a]), totals[a]) for a in sorted(totals)],
        listing=reverse("expense_claims:index") + "?status=paid",
    )


@register_measure(
    key="expenses_days_to_pay",
    section=MONEY_SECTION,
    label=_("Days from claim to payment"),
    definition=_(
        "For expense claims paid in the period: the average number of days from "
        "the resident sending the claim to the payment being made (London "
        "dates). Fewer is better. Bars: by activity."
    ),
    unit=DAYS,
    higher_is_better=False,
    order=40,
)
def expenses_days_to_pay(period, scope):
    labels = dict(ExpenseClaim.Activity.choices)
    days: dict[str, list[int]] = {}
    for activity, _amount, d, *_rest in _paid(period, scope):
        if d is not None:
            days.setdefault(activity, []).append(d)
    every = [d for ds in days.values() for d in ds]

    def average(values):
        return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))

    return Figure(
        value=average(every) if every else None,
        count=len(every),
        bars=[Bar(str(labels[a]), average(days[a])) for a in sorted(days)],
        listing=reverse("expense_claims:index") + "?status=paid",
    )
