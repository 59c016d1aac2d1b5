"""Staff add and edit actions and scrutiny reviews with dates written
day/month/year (the shared `AdminDateField`), never Wagtail's YYYY-MM-DD; a bad
date is kept as typed and explained beside the box."""

import datetime

import pytest

from portal.actions.models import Action
from portal.scrutiny.models import ScrutinyReview
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

HINT = "Day/month/year, for example 27/03/2027."
BAD_DATE = "Enter a real date as day/month/year, for example 27/03/2027."


def test_an_action_is_added_with_a_day_month_year_date(client):
    sign_in(client, "officer@example.org")
    html = client.get("/admin/actions_register/new/").content.decode()
    assert HINT in html
    response = client.post(
        "/admin/actions_register/new/",
        {"title": "Clear the bin store", "source": "", "due_on": "31/02/2027"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert BAD_DATE in html and 'value="31/02/2027"' in html
    assert not Action.objects.filter(title="Clear the bin store").exists()
    response = client.post(
        "/admin/actions_register/new/",
        {"title": "Clear the bin store", "source": "", "due_on": "27/03/2027"},
    )
    assert response.status_code == 302
    action = Action.objects.get(title="Clear the bin store")
    assert action.due_on == datetime.date(2027, 3, 27)
    html = client.get(f"/admin/actions_register/edit/{action.pk}/").content.decode()
    assert 'value="27/03/2027"' in html and "2027-03-27" not in html


def test_a_scrutiny_review_and_its_recommendations_show_day_month_year(client):
    review = ScrutinyReview.objects.first()
    recommendation = review.recommendations.first()
    sign_in(client, "admin@example.org")
    html = client.get(f"/admin/scrutiny_reviews/edit/{review.pk}/").content.decode()
    assert f'value="{review.started_on:%d/%m/%Y}"' in html
    assert review.started_on.isoformat() not in html
    if recommendation is not None:
        assert f'value="{recommendation.made_on:%d/%m/%Y}"' in html


def test_an_action_added_from_the_page_editor_is_day_month_year_too(client):
    """The chooser's "Add a new action" tab (in the page editor) once had a plain
    date box with no hint: it now has the register's day/month/year field."""
    sign_in(client, "editor@example.org")
    html = client.get("/admin/action_chooser/").json()["html"]
    assert HINT in html
    response = client.post(
        "/admin/action_chooser/create/",
        {"title": "Mend the gate", "source": "", "due_on": "31/02/2027"},
    )
    html = response.json()["htmlFragment"]
    assert BAD_DATE in html and 'value="31/02/2027"' in html
    assert not Action.objects.filter(title="Mend the gate").exists()
    response = client.post(
        "/admin/action_chooser/create/",
        {"title": "Mend the gate", "source": "", "due_on": "27/03/2027"},
    )
    assert response.json()["step"] == "chosen"
    assert Action.objects.get(title="Mend the gate").due_on == datetime.date(
        2027, 3, 27
    )
