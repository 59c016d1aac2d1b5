"""Staff set a group's area in the admin, including homes chosen one by one."""

import pytest

from portal.housing.models import Property
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def edit_data(group, uprns):
    return {
        "name": group.name,
        "kind": group.kind,
        "description": group.description,
        "contact_email": group.contact_email,
        "contact_phone": group.contact_phone,
        "estates": [e.pk for e in group.estates.all()],
        "streets": [s.pk for s in group.streets.all()],
        "home_uprns": uprns,
    }


def test_staff_add_individual_homes_by_uprn(client, barge):
    homes = list(Property.objects.exclude(group=barge).order_by("uprn")[:2])
    sign_in(client, "officer@example.org")
    url = f"/admin/resident_groups/edit/{barge.pk}/"
    response = client.post(url, edit_data(barge, f"{homes[0].uprn}\n{homes[1].uprn}"))
    assert response.status_code == 302
    assert set(barge.properties.all()) == set(homes)
    page = client.get(url).content.decode()
    assert homes[0].uprn in page and homes[1].uprn in page


def test_an_unknown_uprn_is_named_and_nothing_is_saved(client, barge):
    home = Property.objects.order_by("uprn").first()
    sign_in(client, "officer@example.org")
    response = client.post(
        f"/admin/resident_groups/edit/{barge.pk}/",
        edit_data(barge, f"{home.uprn}\n999999999999"),
    )
    assert response.status_code == 200
    assert "These UPRNs are not in the property register: 999999999999" in (
        response.content.decode()
    )
    assert not barge.properties.exists()
