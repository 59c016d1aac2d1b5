"""Pure expenses calculator: no database, `Decimal` throughout.

Given a policy category and what the person claims, it returns the amount we pay and
a plain-English explanation of the rate or cap applied, plus any problems (missing
receipt, missing reason) the claimant must fix.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

PENNY = Decimal("0.01")
ZERO = Decimal("0")


def money(value) -> Decimal:
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(value) -> str:
    return f"£{money(value):,.2f}"


def pence(value) -> str:
    value = Decimal(value)
    if value < 1:
        return f"{(value * 100).normalize():f}p"
    return pounds(value)


def tax_year_start(day: datetime.date) -> datetime.date:
    """UK tax year runs 6 April to 5 April."""
    start = datetime.date(day.year, 4, 6)
    return start if day >= start else datetime.date(day.year - 1, 4, 6)


def tax_year_end(day: datetime.date) -> datetime.date:
    start = tax_year_start(day)
    return datetime.date(start.year + 1, 4, 5)


def policy_in_force(policies, day: datetime.date):
    """The version with the latest `effective_from` on or before `day` (or None)."""
    best = None
    for policy in policies:
        if policy.effective_from <= day and (
            best is None or policy.effective_from > best.effective_from
        ):
            best = policy
    return best


def claim_deadline(*, activity_date: datetime.date, months: int) -> datetime.date:
    return activity_date + relativedelta(months=months)


def is_late(*, activity_date, submitted_on, months) -> bool:
    return submitted_on > claim_deadline(activity_date=activity_date, months=months)


@dataclass
class LineResult:
    amount: Decimal
    explanation: str
    problems: list[str] = field(default_factory=list)
    miles_counted: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def calculate(
    *,
    category,
    receipt_required_above=None,
    miles=0,
    passengers=0,
    miles_before=0,
    hours=ZERO,
    spent=ZERO,
    reason="",
    has_receipt=False,
) -> LineResult:
    """Work out one claim line.

    `category` needs `kind`, `rate`, `band_miles`, `rate_after_band`,
    `passenger_rate`, `cap`, `needs_reason` (an `ExpenseCategory` or any object with
    those attributes). `miles_before` is the claimant's mileage already counted in the
    same tax year, so the lower rate starts at the right mile.
    """
    kind = category.kind
    if kind in ("mileage", "cycling"):
        return _mileage(category, int(miles), int(passengers), int(miles_before))
    spent = Decimal(spent)
    problems = []
    if spent <= 0:
        problems.append(_("Enter how much you spent."))
    if (
        receipt_required_above is not None
        and spent > Decimal(receipt_required_above)
        and not has_receipt
    ):
        problems.append(
            _("Add a receipt: we need one for anything over %(limit)s.")
            % {"limit": pounds(receipt_required_above)}
        )
    if category.needs_reason and not reason.strip():
        problems.append(
            _("Say why you needed a %(name)s, or who approved it beforehand.")
            % {"name": category.name.lower()}
        )
    if kind == "care":
        return _care(category, Decimal(hours), spent, problems)
    cap = category.cap
    if cap is not None and spent > cap:
        return LineResult(
            money(cap),
            _("You spent %(spent)s; the most we pay for %(name)s is %(cap)s.")
            % {
                "spent": pounds(spent),
                "name": category.name.lower(),
                "cap": pounds(cap),
            },
            problems,
        )
    return LineResult(
        money(spent),
        _("%(spent)s as spent.") % {"spent": pounds(spent)},
        problems,
    )


def _mileage(category, miles, passengers, miles_before) -> LineResult:
    problems = []
    if miles <= 0:
        problems.append(_("Enter how many miles you travelled."))
    if passengers < 0:
        problems.append(_("Passengers cannot be a negative number."))
        passengers = 0
    rate = category.rate or ZERO
    band = category.band_miles
    if band is None or category.rate_after_band is None:
        at_rate, after = miles, 0
    else:
        left_in_band = max(0, band - miles_before)
        at_rate = min(miles, left_in_band)
        after = miles - at_rate
    amount = rate * at_rate
    parts = [
        _("%(miles)s miles at %(rate)s a mile")
        % {"miles": f"{at_rate:,}", "rate": pence(rate)}
    ]
    if after:
        amount += category.rate_after_band * after
        parts.append(
            _("%(miles)s miles at %(rate)s a mile (over %(band)s miles this tax year)")
            % {
                "miles": f"{after:,}",
                "rate": pence(category.rate_after_band),
                "band": f"{band:,}",
            }
        )
    if passengers and category.passenger_rate:
        amount += category.passenger_rate * passengers * miles
        parts.append(
            _("%(rate)s a mile for each of %(count)s passengers")
            % {"rate": pence(category.passenger_rate), "count": passengers}
        )
    return LineResult(
        money(amount), "; ".join(parts) + ".", problems, miles_counted=max(miles, 0)
    )


def _care(category, hours, spent, problems) -> LineResult:
    if hours <= 0:
        problems.append(_("Enter how many hours of care you paid for."))
        hours = ZERO
    if category.rate is None:
        return LineResult(
            money(spent), _("%(spent)s as spent.") % {"spent": pounds(spent)}, problems
        )
    cap = category.rate * hours
    if spent > cap:
        return LineResult(
            money(cap),
            _(
                "You spent %(spent)s; we pay up to %(rate)s an hour, so "
                "%(hours)s hours come to %(cap)s."
            )
            % {
                "spent": pounds(spent),
                "rate": pounds(category.rate),
                "hours": f"{hours.normalize():f}",
                "cap": pounds(cap),
            },
            problems,
        )
    return LineResult(
        money(spent),
        _("%(spent)s as spent (within %(rate)s an hour).")
        % {"spent": pounds(spent), "rate": pounds(category.rate)},
        problems,
    )
