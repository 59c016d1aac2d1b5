"""The shared parsers behind query-string parameters: a made-up value becomes
None (or the default), never an exception. What visitors see when they send such
values is in tests/test_bad_input.py."""

import datetime

import pytest

from portal.core.params import parse_date, parse_id, parse_int, parse_month

pytestmark = pytest.mark.django_db

HUGE = "9" * 40


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("abc", None),
        ("", None),
        (None, None),
        ("0", None),
        ("-3", None),
        (HUGE, None),
        (str(2**63), None),
        ("١٢", None),  # Arabic-Indic digits
        ("²", None),
        ("1e3", None),
        ("12\x00", None),
    ],
)
def test_ids_parse_safely(value, expected):
    assert parse_id(value) == expected


def test_int_bounds_and_default():
    assert parse_int("2026", minimum=1900, maximum=2100) == 2026
    assert parse_int("9999", minimum=1900, maximum=2100, default=0) == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12", datetime.date(2026, 12, 1)),
        ("9999-12", None),
        ("0001-01", None),
        ("2026-13", None),
        ("2026-1", None),
        ("٢٠٢٦-١٢", None),
        ("", None),
    ],
)
def test_months_parse_inside_the_window(value, expected):
    assert parse_month(value) == expected


def test_dates_parse_inside_the_window():
    assert parse_date("2026-02-28") == datetime.date(2026, 2, 28)
    assert parse_date("2026-02-30") is None
    assert parse_date("9999-12-31") is None


def test_the_database_refuses_a_meeting_outside_the_window():
    from django.db import IntegrityError, transaction

    from cms.meetings.models import MeetingPage

    meeting = MeetingPage.objects.first()
    far = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingPage.objects.filter(pk=meeting.pk).update(start=far, end=far)


def test_dates_people_type_stay_in_the_window():
    from portal.evidence.forms import PaperRowForm

    form = PaperRowForm(data={"signed_on": "9999-12-31"})
    assert not form.is_valid()
    assert "Enter a date between 1900 and 2100." in form.errors["signed_on"]
