"""The notice and minutes rules, across bank holidays and the clocks changing."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cms.meetings.models import MeetingPage, MeetingRules
from cms.meetings.notice import (
    gave_due_notice,
    latest_notice_date,
    minutes_due_on,
    minutes_state,
)

from .conftest import make_meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def rules(**overrides):
    values = {
        "notice_days": 10,
        "notice_unit": "working",
        "minutes_days": 10,
        "minutes_unit": "working",
    }
    return MeetingRules(**{**values, **overrides})


def test_ten_working_days_notice_skips_christmas_and_new_year():
    # A meeting on Thu 7 Jan 2027: ten working days back skips 1 Jan, 28 Dec
    # (Boxing Day substitute), 25 Dec and two weekends, to Mon 21 Dec.
    start = at("2027-01-07T18:00")
    assert latest_notice_date(start=start, rules=rules()) == d("2026-12-21")
    assert gave_due_notice(given_on=d("2026-12-21"), start=start, rules=rules())
    assert not gave_due_notice(given_on=d("2026-12-22"), start=start, rules=rules())


def test_calendar_day_notice_counts_every_day():
    start = at("2027-01-07T18:00")
    seven = rules(notice_days=7, notice_unit="calendar")
    assert latest_notice_date(start=start, rules=seven) == d("2026-12-31")


def test_a_meeting_just_after_midnight_in_summer_time_counts_on_its_london_date():
    # 00:30 on Mon 19 Oct 2026 in London (BST) is 23:30 on Sunday in UTC: the
    # meeting is on the Monday, so notice counts back from the Monday.
    start = at("2026-10-19T00:30").astimezone(datetime.UTC)
    assert start.date() == d("2026-10-18")
    assert latest_notice_date(start=start, rules=rules()) == d("2026-10-05")


def test_notice_across_the_clocks_going_back():
    # Mon 2 Nov 2026 is in GMT, its notice date Mon 19 Oct in BST: still ten
    # working days, and an evening start keeps its date either side.
    start = at("2026-11-02T23:30")
    assert start.astimezone(datetime.UTC).date() == d("2026-11-02")
    assert latest_notice_date(start=start, rules=rules()) == d("2026-10-19")


def test_minutes_are_due_ten_working_days_after_the_meeting_over_easter():
    # Meeting Thu 25 Mar 2027 (the clocks go forward on Sun 28 Mar); Good Friday
    # 26 Mar and Easter Monday 29 Mar are bank holidays.
    end = at("2027-03-25T20:00")
    assert minutes_due_on(end=end, rules=rules()) == d("2027-04-12")


def test_minutes_state_moves_from_due_to_overdue(time_machine):
    time_machine.move_to(at("2026-11-20T12:00"))
    meeting = make_meeting(start=at("2026-12-14T18:00"))
    time_machine.move_to(at("2026-12-15T12:00"))
    assert minutes_state(meeting, rules()) == "due"
    # 14 Dec + 10 working days (skipping 25 and 28 Dec) is 30 Dec.
    time_machine.move_to(at("2026-12-30T12:00"))
    assert minutes_state(meeting, rules()) == "due"
    time_machine.move_to(at("2026-12-31T12:00"))
    assert minutes_state(meeting, rules()) == "overdue"
    meeting.minutes = "<p>Notes</p>"
    meeting.save_revision().publish()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert meeting.minutes_published_on == d("2026-12-31")
    assert minutes_state(meeting, rules()) == "late"


def test_publishing_at_short_notice_needs_a_reason(time_machine):
    time_machine.move_to(at("2026-12-18T09:00"))
    with pytest.raises(ValidationError) as error:
        make_meeting(start=at("2027-01-05T18:00"))
    assert "short notice" in str(error.value)
    meeting = make_meeting(
        start=at("2027-01-05T18:00"), short_notice_reason="The hall was double-booked."
    )
    assert meeting.publication.notice_given_on == d("2026-12-18")


def test_a_meeting_published_in_time_needs_no_reason(time_machine):
    time_machine.move_to(at("2026-12-21T09:00"))
    meeting = make_meeting(start=at("2027-01-07T18:00"))
    assert not meeting.is_short_notice()
