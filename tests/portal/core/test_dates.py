import datetime

from portal.core.dates import (
    add_working_days,
    is_working_day,
    london_today,
    working_days_between,
)


def d(text):
    return datetime.date.fromisoformat(text)


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(d("2026-11-23"))  # a Monday
    assert not is_working_day(d("2026-11-28"))  # Saturday
    assert not is_working_day(d("2026-12-25"))  # Christmas Day
    assert not is_working_day(d("2026-12-28"))  # Boxing Day substitute (Monday)
    assert not is_working_day(d("2027-03-26"))  # Good Friday 2027


def test_friday_plus_one_is_monday():
    assert add_working_days(d("2026-11-27"), 1) == d("2026-11-30")


def test_ten_working_days_over_christmas_skip_three_bank_holidays():
    # From Mon 21 Dec 2026: 22,23,24, (25 Fri hol), (28 Mon, Boxing Day
    # substitute), 29,30,31, (1 Jan hol), 4,5,6,7 -> the 10th is Thu 7 Jan.
    assert add_working_days(d("2026-12-21"), 10) == d("2027-01-07")


def test_zero_days_is_the_same_day_and_negative_counts_back():
    assert add_working_days(d("2026-11-28"), 0) == d("2026-11-28")
    # Back from Thu 7 Jan 2027 over New Year's Day, Boxing Day and Christmas.
    assert add_working_days(d("2027-01-07"), -10) == d("2026-12-21")
    assert add_working_days(d("2026-11-30"), -1) == d("2026-11-27")


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(d("2026-11-23"), d("2026-11-30")) == 5
    assert working_days_between(d("2026-11-30"), d("2026-11-23")) == -5
    start = d("2026-12-21")
    assert working_days_between(start, add_working_days(start, 10)) == 10


def test_the_nation_is_a_setting(settings):
    # St Andrew's Day (30 Nov) is a bank holiday in Scotland only.
    assert is_working_day(d("2026-11-30"))
    settings.INVOLVE_BANK_HOLIDAY_NATION = "SCT"
    assert not is_working_day(d("2026-11-30"))


def test_today_is_the_london_date(time_machine):
    # 23:30 UTC on 31 May is already 1 June in London (BST).
    time_machine.move_to(datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC))
    assert london_today() == d("2026-06-01")
