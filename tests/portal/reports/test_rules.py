"""Red, amber and green, and the periods, as plain calculations."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from portal.reports import periods
from portal.reports.selectors import AMBER, GREEN, RED, rating

TARGET = Decimal(95)


def test_higher_is_better_ratings_at_their_edges():
    def rate(value):
        return rating(
            Decimal(value),
            target=TARGET,
            amber_within=Decimal(5),
            higher_is_better=True,
        )

    assert rate("95") == GREEN
    assert rate("100") == GREEN
    assert rate("94.9") == AMBER
    assert rate("90") == AMBER
    assert rate("89.9") == RED
    assert (
        rating(None, target=TARGET, amber_within=Decimal(5), higher_is_better=True)
        is None
    )


def test_lower_is_better_ratings_at_their_edges():
    def rate(value):
        return rating(
            Decimal(value),
            target=Decimal(10),
            amber_within=Decimal(2),
            higher_is_better=False,
        )

    assert rate("10") == GREEN
    assert rate("3") == GREEN
    assert rate("12") == AMBER
    assert rate("12.1") == RED


@given(
    value=st.decimals(min_value=0, max_value=1000, places=1),
    target=st.decimals(min_value=0, max_value=1000, places=1),
    margin=st.decimals(min_value=0, max_value=100, places=1),
    higher=st.booleans(),
)
def test_a_better_figure_never_rates_worse(value, target, margin, higher):
    order = {RED: 0, AMBER: 1, GREEN: 2}
    better = value + 1 if higher else value - 1
    here = rating(value, target=target, amber_within=margin, higher_is_better=higher)
    there = rating(better, target=target, amber_within=margin, higher_is_better=higher)
    assert order[there] >= order[here]


def test_quarters_and_halves_cover_the_financial_year_without_gaps():
    for year in (2025, 2026, 2031):
        quarters = [periods.quarter(year, n) for n in (1, 2, 3, 4)]
        halves = [periods.half_year(year, n) for n in (1, 2)]
        whole = periods.whole_year(year)
        for parts in (quarters, halves):
            assert parts[0].first == whole.first == datetime.date(year, 4, 1)
            assert parts[-1].last == whole.last == datetime.date(year + 1, 3, 31)
            for before, after in zip(parts, parts[1:], strict=False):
                assert after.first == before.last + datetime.timedelta(days=1)
    assert periods.quarter(2026, 2).label.startswith("Quarter 2 of 2026/27")
    assert periods.quarter(2026, 4).first == datetime.date(2027, 1, 1)


def test_year_to_date_starts_on_1_april_and_the_bounds_are_london_midnights():
    ytd = periods.year_to_date(datetime.date(2027, 3, 31))
    assert (ytd.first, ytd.last) == (
        datetime.date(2026, 4, 1),
        datetime.date(2027, 3, 31),
    )
    assert periods.year_to_date(datetime.date(2027, 4, 1)).first == datetime.date(
        2027, 4, 1
    )
    summer = periods.custom(datetime.date(2027, 4, 1), datetime.date(2027, 4, 1))
    assert summer.start_at.utcoffset() == datetime.timedelta(hours=1)  # BST
    winter = periods.custom(datetime.date(2027, 1, 1), datetime.date(2027, 1, 1))
    assert winter.start_at.utcoffset() == datetime.timedelta(0)
    assert (summer.end_at - summer.start_at) == datetime.timedelta(days=1)
    # The day the clocks go forward is 23 hours long, and still one day.
    spring = periods.custom(datetime.date(2027, 3, 28), datetime.date(2027, 3, 28))
    assert spring.end_at.timestamp() - spring.start_at.timestamp() == 23 * 3600
