"""Grants awarded and paid against each scheme's budget (`portal.reports`)."""

from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.payments.selectors import paid_in
from portal.reports.registry import (
    MONEY,
    MONEY_SECTION,
    Bar,
    Figure,
    day_cell,
    register_measure,
    register_records,
)

from .models import BudgetLedger, GrantApplication

AWARDED = [
    GrantApplication.Status.APPROVED,
    GrantApplication.Status.PAID,
]


def _scoped(applications, scope):
    if scope.kind == "landlord":
        return applications
    return applications.filter(
        pk__in=applications.filter(scope.q(estate="group__estates")).values("pk")
    )


def _awarded(period, scope):
    return _scoped(
        GrantApplication.objects.filter(
            status__in=AWARDED,
            decided_at__gte=period.start_at,
            decided_at__lt=period.end_at,
        ),
        scope,
    )


def _heading(moment) -> list:
    return [
        gettext("Application"),
        gettext("Group"),
        gettext("Scheme"),
        moment,
        gettext("Amount (£)"),
    ]


@register_records("grants_awarded")
def grants_awarded_records(period, scope):
    yield _heading(gettext("Decided"))
    rows = _awarded(period, scope).order_by("decided_at", "pk")
    for pk, group, scheme, decided, amount in rows.values_list(
        "pk", "group__name", "scheme__name", "decided_at", "amount_approved"
    ):
        yield [pk, group, scheme, day_cell(decided), amount or Decimal(0)]


@register_measure(
    key="grants_awarded",
    section=MONEY_SECTION,
    label=_("Grant money awarded"),
    definition=_(
        "The total of grants approved in the period, against the budgets of the "
        "schemes for the financial year the period ends in. In an area or "
        "estate, grants to groups covering a whole estate there. Bars: awarded "
        "by scheme."
    ),
    unit=MONEY,
    order=10,
)
def grants_awarded(period, scope):
    rows = list(
        _awarded(period, scope)
        .values("scheme__name")
        .annotate(total=Sum("amount_approved"))
        .order_by("scheme__name")
    )
    budget = BudgetLedger.objects.filter(year=period.year).aggregate(
        total=Sum("budget")
    )["total"]
    awarded = sum((r["total"] or Decimal(0) for r in rows), Decimal(0))
    return Figure(
        value=awarded,
        of=budget,
        bars=[Bar(r["scheme__name"], r["total"] or Decimal(0)) for r in rows],
        listing=reverse("grant_applications:index")
        + f"?status__in={','.join(AWARDED)}&"
        + period.listing_query("decided_at"),
    )


def _paid(period, scope) -> list[tuple]:
    """(application, group, scheme, paid at, amount) for each grant payment
    made in the period (two queries)."""
    payments = paid_in(GrantApplication, period.start_at, period.end_at)
    rows = _scoped(
        GrantApplication.objects.filter(pk__in=list(payments)), scope
    ).values_list("pk", "group__name", "scheme__name")
    found = [
        (pk, group, scheme, payments[pk][1], payments[pk][0])
        for pk, group, scheme in rows
    ]
    return sorted(found, key=lambda row: (row[3], row[0]))


@register_records("grants_paid")
def grants_paid_records(period, scope):
    yield _heading(gettext("Paid"))
    for pk, group, scheme, paid_at, amount in _paid(period, scope):
        yield [pk, group, scheme, day_cell(paid_at), amount]


@register_measure(
    key="grants_paid",
    section=MONEY_SECTION,
    label=_("Grant money paid"),
    definition=_(
        "The total of grant payments that reached the payee in the period "
        "(payments marked paid). Bars: paid by scheme."
    ),
    unit=MONEY,
    order=20,
)
def grants_paid(period, scope):
    by_scheme: dict[str, Decimal] = {}
    for _pk, _group, scheme, _paid_at, amount in _paid(period, scope):
        by_scheme[scheme] = by_scheme.get(scheme, Decimal(0)) + amount
    return Figure(
        value=sum(by_scheme.values(), Decimal(0)),
        bars=[Bar(name, by_scheme[name]) for name in sorted(by_scheme)],
        listing=reverse("grant_applications:index") + "?status=paid",
    )
