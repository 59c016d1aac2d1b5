"""Pure expenses calculator: no database, `Decimal` throughout.

Given a policy category and what the person claims, it returns the amount we pay and
a plain-English explanation of the rate or cap applied, plus any problems (missing
receipt, missing reason) the claimant must fix.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.core.money import format_money, to_pence

ZERO = Decimal("0")


def money(value) -> Decimal:
    return to_pence(value)


def pounds(value) -> str:
    return format_money(value)


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


def claim_deadline(*, activity_date: datetime.date, months: int) -> datetime.date:
    return activity_date + relativedelta(months=months)


def is_late(*, activity_date, submitted_on, months) -> bool:
    return submitted_on > claim_deadline(activity_date=activity_date, months=months)


@dataclass
class LineResult:
    amount: Decimal
    explanation: str
    errors: dict[str, list[str]] = field(default_factory=dict)
    miles_counted: int = 0
    miles_at_rate: int = 0  # the line's share of the first-rate band

    @property
    def problems(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, where: str, message: str) -> None:
        """A problem the claimant must fix, shown next to the field `where`."""
        self.errors.setdefault(where, []).append(message)


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
    pre_approved_up_to=None,
    spent_this_year=ZERO,
) -> LineResult:
    """Work out one claim line.

    `category` needs `kind`, `name`, `rate`, `band_miles`, `rate_after_band`,
    `passenger_rate`, `cap`, `needs_reason` and may have `yearly_cap`,
    `needs_pre_approval`, `needs_evidence` (an `ExpenseCategory` or any object with
    those attributes). `miles_before` is the claimant's mileage already counted in the
    same tax year, so the lower rate starts at the right mile; `spent_this_year` is
    what the category has already paid them this tax year, for its yearly cap.
    `pre_approved_up_to` is the estimate of the approved pre-approval chosen, if any.
    """
    kind = category.kind
    if kind in ("mileage", "cycling"):
        return _mileage(category, int(miles), int(passengers), int(miles_before))
    spent = Decimal(spent)
    result = LineResult(
        money(spent), _("%(spent)s as spent.") % {"spent": pounds(spent)}
    )
    _check_spend(result, category, receipt_required_above, spent, reason, has_receipt)
    has_pre_approval = pre_approved_up_to is not None
    if getattr(category, "needs_pre_approval", False) and not has_pre_approval:
        result.add(
            "pre_approval",
            _(
                "We pay for %(name)s only if we agreed it before you spent the "
                "money. Ask for a pre-approval first, then choose it here."
            )
            % {"name": category.name.lower()},
        )
    if category.needs_reason and not reason.strip() and not has_pre_approval:
        result.add(
            "reason",
            _("Say why you needed a %(name)s, or choose the pre-approval we gave you.")
            % {"name": category.name.lower()},
        )
    if kind == "care":
        _care(result, category, Decimal(hours), spent)
    elif category.cap is not None and spent > category.cap:
        result.amount = money(category.cap)
        result.explanation = _(
            "You spent %(spent)s; the most we pay for %(name)s is %(cap)s."
        ) % {
            "spent": pounds(spent),
            "name": category.name.lower(),
            "cap": pounds(category.cap),
        }
    if has_pre_approval and result.amount > Decimal(pre_approved_up_to):
        result.amount = money(pre_approved_up_to)
        result.explanation += " " + _(
            "We agreed up to %(limit)s beforehand, so we pay %(limit)s."
        ) % {"limit": pounds(pre_approved_up_to)}
    yearly_cap = getattr(category, "yearly_cap", None)
    if yearly_cap is not None:
        _yearly_cap(result, category, Decimal(yearly_cap), Decimal(spent_this_year))
    return result


def _check_spend(result, category, receipt_required_above, spent, reason, has_receipt):
    if spent <= 0:
        result.add("spent", _("Enter how much you spent."))
    if has_receipt:
        return
    if getattr(category, "needs_evidence", False):
        result.add(
            "receipt",
            _(
                "Add your ticket, receipt or a statement showing the cost: we need "
                "one for %(name)s whatever the amount."
            )
            % {"name": category.name.lower()},
        )
    elif receipt_required_above is not None and spent > Decimal(receipt_required_above):
        result.add(
            "receipt",
            _("Add a receipt: we need one for anything over %(limit)s.")
            % {"limit": pounds(receipt_required_above)},
        )


def _yearly_cap(result, category, cap, spent_this_year):
    """Apply a yearly cap per person (e.g. phone and internet, £60 a tax year)."""
    left = max(ZERO, cap - spent_this_year)
    if left <= 0:
        result.add(
            "spent",
            _(
                "You have already been paid the most we pay for %(name)s this tax "
                "year (%(cap)s)."
            )
            % {"name": category.name.lower(), "cap": pounds(cap)},
        )
        result.amount = money(ZERO)
        return
    capped = result.amount > left
    result.amount = min(result.amount, money(left))
    result.explanation += " " + _(
        "Capped at %(cap)s a year; you have %(left)s left this tax year."
    ) % {"cap": pounds(cap), "left": pounds(left - result.amount)}
    if capped:
        result.explanation += " " + _("So we pay %(amount)s.") % {
            "amount": pounds(result.amount)
        }


def _mileage(category, miles, passengers, miles_before) -> LineResult:
    result = LineResult(ZERO, "", miles_counted=max(miles, 0))
    if miles <= 0:
        result.add("miles", _("Enter how many miles you travelled."))
    if passengers < 0:
        result.add("passengers", _("Passengers cannot be a negative number."))
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
    result.miles_at_rate = max(at_rate, 0)
    parts = []
    if at_rate or not after:  # never "0 miles at 45p" once past the band
        parts.append(
            ngettext(
                "%(miles)s mile at %(rate)s a mile",
                "%(miles)s miles at %(rate)s a mile",
                at_rate,
            )
            % {"miles": f"{at_rate:,}", "rate": pence(rate)}
        )
    if after:
        amount += category.rate_after_band * after
        parts.append(
            ngettext(
                "%(miles)s mile at %(rate)s a mile (over %(band)s miles this tax year)",
                "%(miles)s miles at %(rate)s a mile "
                "(over %(band)s miles this tax year)",
                after,
            )
            % {
                "miles": f"{after:,}",
                "rate": pence(category.rate_after_band),
                "band": f"{band:,}",
            }
        )
    if passengers and category.passenger_rate:
        amount += category.passenger_rate * passengers * miles
        parts.append(
            ngettext(
                "%(rate)s a mile for %(count)s passenger",
                "%(rate)s a mile for each of %(count)s passengers",
                passengers,
            )
            % {"rate": pence(category.passenger_rate), "count": passengers}
        )
    result.amount, result.explanation = money(amount), "; ".join(parts) + "."
    return result


def _care(result, category, hours, spent) -> None:
    if hours <= 0:
        result.add("hours", _("Enter how many hours of care you paid for."))
        hours = ZERO
    if category.rate is None:
        return
    cap = category.rate * hours
    if spent > cap:
        result.amount = money(cap)
        result.explanation = _(
            "You spent %(spent)s; we pay up to %(rate)s an hour, so "
            "%(hours)s hours come to %(cap)s."
        ) % {
            "spent": pounds(spent),
            "rate": pounds(category.rate),
            "hours": f"{hours.normalize():f}",
            "cap": pounds(cap),
        }
    else:
        result.explanation = _("%(spent)s as spent (within %(rate)s an hour).") % {
            "spent": pounds(spent),
            "rate": pounds(category.rate),
        }


def describe(category) -> str:
    """The category's figures in a sentence, for the claimant before they claim."""
    kind = category.kind
    if kind in ("mileage", "cycling"):
        text = _("%(rate)s a mile") % {"rate": pence(category.rate or ZERO)}
        if category.band_miles and category.rate_after_band is not None:
            text += " " + _("(%(rate)s after %(band)s miles in a tax year)") % {
                "rate": pence(category.rate_after_band),
                "band": f"{category.band_miles:,}",
            }
        if category.passenger_rate:
            text += "; " + _("%(rate)s a mile more for each passenger") % {
                "rate": pence(category.passenger_rate)
            }
        parts = [text]
    elif kind == "care" and category.rate is not None:
        parts = [_("Up to %(rate)s an hour") % {"rate": pounds(category.rate)}]
    else:
        parts = [_("What you spent")]
        if category.cap is not None:
            parts[0] += ", " + _("up to %(cap)s a claim") % {
                "cap": pounds(category.cap)
            }
    if getattr(category, "yearly_cap", None) is not None:
        parts.append(
            _("up to %(cap)s a tax year") % {"cap": pounds(category.yearly_cap)}
        )
    if getattr(category, "needs_evidence", False):
        parts.append(_("needs a ticket, receipt or statement"))
    if getattr(category, "needs_pre_approval", False):
        parts.append(_("needs our agreement before you spend"))
    elif category.needs_reason:
        parts.append(_("needs a reason or our agreement beforehand"))
    return "; ".join(parts) + "."
