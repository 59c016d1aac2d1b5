"""One way to say dates, times and amounts of time."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import translation

from cms.core.templatetags.involve_format import (
    date_and_time,
    hours_a_month,
    long_date,
    time_of_day,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = datetime.UTC


def test_dates_and_times_in_london_time():
    assert long_date(datetime.date(2026, 12, 4)) == "4 December 2026"
    # 13:02 UTC in summer is 2:02pm in London.
    summer = datetime.datetime(2026, 7, 1, 13, 2, tzinfo=UTC)
    assert time_of_day(summer) == "2:02pm"
    assert time_of_day(datetime.datetime(2026, 12, 4, 13, 0, tzinfo=LONDON)) == "1pm"
    assert time_of_day(datetime.datetime(2026, 12, 4, 12, 0, tzinfo=LONDON)) == "midday"
    assert time_of_day(datetime.datetime(2026, 12, 4, 0, 0, tzinfo=LONDON)) == (
        "midnight"
    )
    assert time_of_day(datetime.datetime(2026, 12, 4, 9, 30, tzinfo=LONDON)) == (
        "9:30am"
    )
    assert date_and_time(datetime.datetime(2026, 12, 4, 13, 2, tzinfo=LONDON)) == (
        "Friday 4 December 2026, 1:02pm"
    )
    assert long_date(None) == "" and time_of_day(None) == ""


def test_hours_a_month_says_one_hour_and_many_hours():
    assert hours_a_month(Decimal("1.0")) == "1 hour a month"
    assert hours_a_month(Decimal("2")) == "2 hours a month"
    assert hours_a_month(Decimal("2.5")) == "2.5 hours a month"
    assert hours_a_month(None) == ""


def test_month_names_follow_the_language():
    with translation.override("pl"):
        assert long_date(datetime.date(2026, 12, 4)) != "4 December 2026"


@pytest.mark.django_db
def test_meeting_and_consultation_pages_say_times_one_way(client):
    """No "1:02 p.m.." where a sentence ends after a time."""
    from cms.consultations.models import ConsultationPage
    from cms.meetings.models import MeetingPage

    pages = ["/consultations/", "/meetings/"]
    pages += [ConsultationPage.objects.live().first().url]
    pages += [MeetingPage.objects.live().first().url]
    for path in pages:
        page = client.get(path).content.decode()
        assert "p.m." not in page and "a.m." not in page, path
