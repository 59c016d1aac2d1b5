"""A value a database rule refuses is explained beside its field (and in the
error summary linking to it), not at the top of the form: the date window
(`date_window`) and the number ranges (`within`) say which field they concern.
Shown on a portal form and an admin form that have no validator of their own."""

import pytest

from cms.meetings.models import Body
from portal.accounts.models import User
from portal.groups.models import Activity
from portal.groups.selectors import officer_groups
from portal.scrutiny.models import ScrutinyReview
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

WINDOW = "Enter a date between 1900 and 2100."


def test_a_date_outside_the_window_on_a_portal_form_is_beside_the_field(client):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    url = f"/portal/groups/{officer_groups(chair).first().pk}/activity/"
    before = Activity.objects.count()
    response = client.post(
        url,
        {"kind": "meeting", "date_day": "3", "date_month": "11", "date_year": "1850"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"date": [WINDOW]}
    page = response.content.decode()
    assert f'<a href="#{form["date"].auto_id}">{WINDOW}</a>' in page  # the summary
    assert f'id="{form["date"].auto_id}_error"' in page  # beside the field
    assert 'value="1850"' in page
    assert Activity.objects.count() == before


def test_a_date_outside_the_window_on_an_admin_form_is_beside_the_field(client):
    sign_in(client, "officer@example.org")
    response = client.post(
        "/admin/scrutiny_reviews/new/",
        {
            "title": "Repairs follow-up visits",
            "body": Body.objects.first().pk,
            "scope": "How often a repair needs a second visit.",
            "started_on": "03/02/1850",  # the admin's day/month/year box
            "response_days": "28",
            "recommendations-TOTAL_FORMS": "0",
            "recommendations-INITIAL_FORMS": "0",
            "recommendations-MIN_NUM_FORMS": "0",
            "recommendations-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"started_on": [WINDOW]}
    assert not ScrutinyReview.objects.filter(title="Repairs follow-up visits").exists()
