"""Finding 4 of issue 14, as a visitor meets it: numbers, ids, months and search
text anyone can type or put in a URL are answered with the listing, a 404 or a
message beside the field, never a server error. Only URLs and form posts are
used, so these tests run on any version of the code (they were run on the code
before the fix: see docs/security.md)."""

import pytest
from django.test import Client

from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in
from tests.portal.expenses.test_claiming import attended_meeting, start_claim

pytestmark = pytest.mark.django_db

HUGE = "9" * 40
HUNDRED_OCTILLION = str(10**29)


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


@pytest.mark.parametrize(
    "line",
    [
        {"kind": "mileage", "miles": HUNDRED_OCTILLION},
        {"kind": "mileage", "miles": "12", "passengers": HUNDRED_OCTILLION},
        {"kind": "care", "hours": HUNDRED_OCTILLION, "spent": "21"},
        {"kind": "meal", "spent": HUNDRED_OCTILLION},
    ],
)
def test_a_huge_number_in_a_claim_line_is_explained_and_not_stored(client, line):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    url = f"/portal/expenses/{claim.pk}/"
    response = client.post(url, {"action": "line", **line})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert HUNDRED_OCTILLION in page  # what was typed is kept
    assert not ExpenseClaim.objects.get(pk=claim.pk).lines.exists()
    # The claim still opens afterwards.
    assert client.get(url).status_code == 200
