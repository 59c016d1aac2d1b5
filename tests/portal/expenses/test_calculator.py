import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.expenses.calculator import (
    calculate,
    claim_deadline,
    is_late,
    tax_year_end,
    tax_year_start,
)

D = Decimal


def category(**kw):
    base = {
        "kind": "other",
        "name": "Other",
        "rate": None,
        "band_miles": None,
        "rate_after_band": None,
        "passenger_rate": None,
        "cap": None,
        "needs_reason": False,
    }
    base.update(kw)
    return SimpleNamespace(**base)


CAR = category(
    kind="mileage",
    name="Car",
    rate=D("0.45"),
    band_miles=10000,
    rate_after_band=D("0.25"),
    passenger_rate=D("0.05"),
)
BIKE = category(kind="cycling", name="Bicycle", rate=D("0.20"))
CARE = category(kind="care", name="Childcare", rate=D("7.00"))
TAXI = category(kind="taxi", name="Taxi", cap=D("25.00"), needs_reason=True)
MEAL = category(kind="meal", name="Meal", cap=D("8.50"))


def test_mileage_within_band():
    result = calculate(category=CAR, miles=12)
    assert result.amount == D("5.40")
    assert result.explanation == "12 miles at 45p a mile."
    assert result.ok


def test_mileage_crossing_the_10000_mile_band():
    result = calculate(category=CAR, miles=30, miles_before=9980)
    # 20 miles at 45p + 10 at 25p
    assert result.amount == D("11.50")
    assert "20 miles at 45p" in result.explanation
    assert (
        "10 miles at 25p a mile (over 10,000 miles this tax year)" in result.explanation
    )


def test_mileage_already_past_the_band():
    result = calculate(category=CAR, miles=10, miles_before=12000)
    assert result.amount == D("2.50")
    # Only the rate that applies, never "0 miles at 45p".
    assert result.explanation == (
        "10 miles at 25p a mile (over 10,000 miles this tax year)."
    )


def test_one_mile_and_one_passenger_read_as_english():
    result = calculate(category=CAR, miles=1, passengers=1)
    assert result.explanation == "1 mile at 45p a mile; 5p a mile for 1 passenger."


@given(
    before=st.integers(min_value=0, max_value=20_000),
    journeys=st.lists(st.integers(min_value=1, max_value=2_000), max_size=8),
)
def test_splitting_journeys_never_changes_what_the_miles_are_worth(before, journeys):
    """However the year's miles are split into journeys, the total paid is the
    first 10,000 at 45p and the rest at 25p."""
    paid, so_far = D(0), before
    for miles in journeys:
        paid += calculate(category=CAR, miles=miles, miles_before=so_far).amount
        so_far += miles
    total = sum(journeys)
    at_first = max(0, min(total, 10_000 - before))
    assert paid == D("0.45") * at_first + D("0.25") * (total - at_first)


def test_mileage_exactly_reaching_the_band_stays_at_first_rate():
    result = calculate(category=CAR, miles=20, miles_before=9980)
    assert result.amount == D("9.00")
    assert "25p" not in result.explanation


def test_passengers_add_5p_a_mile_each():
    result = calculate(category=CAR, miles=10, passengers=2)
    assert result.amount == D("5.50")
    assert "5p a mile for each of 2 passengers" in result.explanation


def test_cycling_20p():
    assert calculate(category=BIKE, miles=7).amount == D("1.40")


def test_mileage_needs_miles():
    result = calculate(category=CAR, miles=0)
    assert not result.ok
    assert result.problems == ["Enter how many miles you travelled."]


def test_childcare_capped_per_hour():
    result = calculate(category=CARE, hours=D("3"), spent=D("30"), has_receipt=True)
    assert result.amount == D("21.00")
    assert "£7.00 an hour" in result.explanation
    assert "£21.00" in result.explanation


def test_childcare_within_cap_paid_as_spent():
    result = calculate(category=CARE, hours=D("2.5"), spent=D("15"), has_receipt=True)
    assert result.amount == D("15.00")


def test_taxi_needs_reason_and_is_capped():
    result = calculate(category=TAXI, spent=D("40"), has_receipt=True)
    assert result.amount == D("25.00")
    assert any("Say why you needed a taxi" in p for p in result.problems)
    ok = calculate(
        category=TAXI, spent=D("12"), has_receipt=True, reason="Last bus had gone"
    )
    assert ok.ok and ok.amount == D("12.00")


def test_meal_cap():
    result = calculate(category=MEAL, spent=D("12.40"))
    assert result.amount == D("8.50")
    assert result.explanation == "You spent £12.40; the most we pay for meal is £8.50."


def test_receipt_required_above_amount():
    result = calculate(category=MEAL, spent=D("8"), receipt_required_above=D("5"))
    assert result.problems == ["Add a receipt: we need one for anything over £5.00."]
    assert calculate(category=MEAL, spent=D("5"), receipt_required_above=D("5")).ok


def test_rounding_half_up_to_pennies():
    odd = category(kind="mileage", name="Car", rate=D("0.455"))
    assert calculate(category=odd, miles=1).amount == D("0.46")


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (
            datetime.date(2026, 4, 5),
            datetime.date(2025, 4, 6),
            datetime.date(2026, 4, 5),
        ),
        (
            datetime.date(2026, 4, 6),
            datetime.date(2026, 4, 6),
            datetime.date(2027, 4, 5),
        ),
        (
            datetime.date(2027, 1, 1),
            datetime.date(2026, 4, 6),
            datetime.date(2027, 4, 5),
        ),
    ],
)
def test_tax_year(day, start, end):
    assert tax_year_start(day) == start
    assert tax_year_end(day) == end


def test_policy_change_between_two_activity_dates():
    old = SimpleNamespace(effective_from=datetime.date(2025, 4, 6), car=CAR)
    new_car = category(
        kind="mileage",
        name="Car",
        rate=D("0.50"),
        band_miles=10000,
        rate_after_band=D("0.25"),
    )
    new = SimpleNamespace(effective_from=datetime.date(2026, 10, 1), car=new_car)
    # Which version is in force on a date: tests/portal/expenses/test_policy.py.
    assert calculate(category=old.car, miles=10).amount == D("4.50")
    assert calculate(category=new.car, miles=10).amount == D("5.00")


def test_claim_deadline_three_months():
    day = datetime.date(2026, 11, 30)
    assert claim_deadline(activity_date=day, months=3) == datetime.date(2027, 2, 28)
    assert not is_late(
        activity_date=day, submitted_on=datetime.date(2027, 2, 28), months=3
    )
    assert is_late(activity_date=day, submitted_on=datetime.date(2027, 3, 1), months=3)
