"""Group officers type dates as day, month and year (the GOV.UK date input)."""

import pytest

from portal.accounts.models import User
from portal.groups.models import Activity
from portal.groups.selectors import officer_groups
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity_url(client):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    return f"/portal/groups/{officer_groups(chair).first().pk}/activity/"


def test_date_is_three_labelled_boxes_in_a_fieldset(client, activity_url):
    body = client.get(activity_url).content.decode()
    assert 'type="date"' not in body
    assert "<legend>" in body
    for part in ["day", "month", "year"]:
        assert f'name="date_{part}"' in body
    for label in [">Day</label>", ">Month</label>", ">Year</label>"]:
        assert label in body


def test_a_real_date_is_recorded(client, activity_url):
    before = Activity.objects.count()
    response = client.post(
        activity_url,
        {"kind": "meeting", "date_day": "3", "date_month": "11", "date_year": "2026"},
    )
    assert response.status_code == 302
    assert Activity.objects.count() == before + 1
    assert str(Activity.objects.order_by("-pk").first().date) == "2026-11-03"


def test_an_impossible_date_is_explained_and_kept(client, activity_url):
    before = Activity.objects.count()
    response = client.post(
        activity_url,
        {"kind": "meeting", "date_day": "31", "date_month": "2", "date_year": "2026"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'value="31"' in body and 'value="2026"' in body
    assert Activity.objects.count() == before
