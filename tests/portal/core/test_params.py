"""Query-string parameters and form values a visitor can make up never cause a
server error: a bad one is ignored (the default listing) or explained."""

import datetime

import pytest
from django.test import Client

from portal.core.params import parse_date, parse_id, parse_int, parse_month
from tests.conftest import sign_in

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


@pytest.mark.parametrize(
    "url",
    [
        "/other-formats/?page=abc",
        f"/other-formats/?page={HUGE}",
        "/other-formats/?page=-1",
        "/meetings/?month=9999-12",
        "/meetings/?month=0001-01",
        "/meetings/?month=abc",
        f"/meetings/?body={HUGE}&area={HUGE}",
        "/meetings/?page=abc",
        f"/consultations/?topic={HUGE}",
        f"/consultations/?area={HUGE}&page=abc",
        "/consultations/?topic=١",
        "/magazine/?year=²&page=abc",
        f"/magazine/?year={HUGE}",
        "/get-involved/?level=x&commitment=y&page=abc",
        '/search/?q="',
        '/search/?q=bins"',
        "/search/?q=%22%22%22&page=abc",
        "/search/?q=a OR b AND NOT (c*",
        f"/search/?q=bins&page={HUGE}",
    ],
)
def test_public_listings_never_fail_on_bad_parameters(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 404), response.status_code


@pytest.mark.parametrize(
    "url",
    [
        "/admin/estates/",
        '/admin/estates/?q="',
        f"/admin/meetings/report/?body={HUGE}",
        "/admin/meetings/report/?body=abc",
    ],
)
def test_staff_reports_never_fail_on_bad_parameters(client, url):
    sign_in(client, "admin@example.org")
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 404), response.status_code


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "B" * 256}, "Ensure this value has at most 200 characters"),
        ({"first_start": "9999-12-31T18:00"}, "Choose a date between 1900 and 2100."),
        ({"first_start": "0001-01-01T18:00"}, "Choose a date between 1900 and 2100."),
        ({"body": HUGE}, "Select a valid choice."),
        ({"venue": HUGE}, "Select a valid choice."),
    ],
)
def test_a_meeting_series_out_of_bounds_is_explained(changes, message):
    from cms.meetings.models import Body

    client = Client()
    sign_in(client, "editor@example.org")
    data = {
        "body": Body.objects.get(name="Board").pk,
        "title": "Board",
        "kind": "meeting",
        "first_start": "2027-09-07T18:00",
        "minutes_long": 120,
        "every_weeks": 4,
        "count": 3,
        **changes,
    }
    response = client.post("/admin/meetings/series/", data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_huge_topic_id_in_preferences_is_a_form_error(client):
    sign_in(client, "resident@example.org")
    response = client.post("/portal/preferences/", {"topics": [HUGE], "by_email": "on"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_a_huge_meeting_id_in_a_claim_is_a_form_error(client):
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/expenses/new/",
        {"meeting": HUGE, "activity": "meeting", "description": "Board"},
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_huge_estate_and_street_ids_for_a_group_are_form_errors(client):
    from portal.groups.models import Group

    group = Group.objects.first()
    sign_in(client, "admin@example.org")
    response = client.post(
        f"/admin/resident_groups/edit/{group.pk}/",
        {
            "name": group.name,
            "kind": group.kind,
            "description": group.description,
            "estates": [HUGE],
            "streets": [HUGE, "abc"],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/portal/advocates/", "remove"),
    ],
)
def test_a_made_up_id_in_a_post_is_not_a_server_error(client, url, field):
    sign_in(client, "resident@example.org")
    for value in ("abc", HUGE, "١"):
        response = client.post(url, {field: value})
        assert response.status_code in (200, 302, 404), (value, response.status_code)


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
