"""Grants awarded and paid against each scheme's budget (`portal.reports`)."""

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.payments.models import Payment
from portal.reports.registry import MONEY, MONEY_SECTION, Bar, Figure, register_measure

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
        _scoped(
            GrantApplication.objects.filter(
                status__in=AWARDED,
                decided_at__gte=period.start_at,
                decided_at__lt=period.end_at,
            ),
            scope,
        )
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
        url=reverse("grant_applications:index")
        + f"?status__in={','.join(AWARDED)}&"
        + period.listing_query("decided_at"),
    )


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
    payments = dict(
        Payment.objects.filter(
            source_type=ContentType.objects.get_for_model(GrantApplication),
            status=Payment.Status.PAID,
            paid_at__gte=period.start_at,
            paid_at__lt=period.end_at,
        ).values_list("source_id", "amount")
    )
    rows = _scoped(
        GrantApplication.objects.filter(pk__in=[int(pk) for pk in payments]), scope
    ).values_list("pk", "scheme__name")
    by_scheme: dict[str, Decimal] = {}
    for pk, scheme in rows:
        by_scheme[scheme] = by_scheme.get(scheme, Decimal(0)) + payments[str(pk)]
    return Figure(
        value=sum(by_scheme.values(), Decimal(0)),
        bars=[Bar(name, by_scheme[name]) for name in sorted(by_scheme)],
        url=reverse("grant_applications:index") + "?status=paid",
    )
