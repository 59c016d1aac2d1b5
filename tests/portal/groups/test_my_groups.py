"""`/portal/groups/`: the groups I run and the groups that cover my home."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.factories import UserFactory
from portal.accounts.models import ResidentProfile
from portal.core.dates import london_today
from portal.evidence.models import Signature
from portal.groups.models import Group
from portal.groups.selectors import groups_covering
from portal.housing.models import Estate, Property, Tenure
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# The chair runs a group and lives where groups cover their home: the session,
# the user (with whether they hold any permission: they hold none), the rules,
# the groups they run, their profile and the groups covering their home (each
# with whether they support it).
MY_GROUPS_QUERIES = 6


def home_without_a_street(estate: Estate) -> Property:
    return Property.objects.create(
        uprn="999000000001",
        address_line_1="1 Canal Side",
        postcode="ME15 6AA",
        tenure=Tenure.TENANT,
        estate=estate,
        street=None,
    )


def test_a_home_without_a_street_is_covered_only_by_groups_of_its_area():
    """A group that lists no streets does not cover every home without one."""
    estate, elsewhere = Estate.objects.order_by("pk")[:2]
    home = home_without_a_street(estate)
    of_the_estate = Group.objects.create(name="Canal Side TRA", kind="tra")
    of_the_estate.estates.add(estate)
    of_another_estate = Group.objects.create(name="Elsewhere TRA", kind="tra")
    of_another_estate.estates.add(elsewhere)
    of_the_home = Group.objects.create(name="Number One", kind="tra")
    of_the_home.properties.add(home)

    covering = set(groups_covering(home))

    assert of_the_estate in covering and of_the_home in covering
    assert of_another_estate not in covering


def test_my_groups_shows_what_i_run_and_which_local_groups_i_support(client):
    chair = UserFactory(email="canal@example.org")
    estate = Estate.objects.order_by("pk").first()
    home = home_without_a_street(estate)
    ResidentProfile.objects.create(
        user=chair, home=home, status=ResidentProfile.Status.VERIFIED
    )
    supported = Group.objects.create(name="Canal Side TRA", kind="tra")
    supported.estates.add(estate)
    not_yet = Group.objects.create(name="Canal Side Gardeners", kind="tra")
    not_yet.properties.add(home)
    Signature.objects.create(
        group=supported,
        home=home,
        source=Signature.Source.ONLINE,
        signer=chair,
        signed_on=london_today(),
    )
    run = Group.objects.create(name="Aardvark Hall TRA", kind="tra")
    run.officers.create(user=chair, role="chair", elected_on=london_today())
    sign_in(client, chair.email)

    page = client.get("/portal/groups/").content.decode()

    mine, local = page.split('id="local-groups"')
    assert "Aardvark Hall TRA" in mine and "Forming" in mine
    assert "Canal Side" not in mine
    supported_card, not_yet_card = (
        local.split("<h3>Canal Side TRA</h3>")[1].split("</li>")[0],
        local.split("<h3>Canal Side Gardeners</h3>")[1].split("</li>")[0],
    )
    assert "You support this group" in supported_card
    assert "I support Canal Side Gardeners" in not_yet_card
    assert "Aardvark Hall TRA" not in local


def test_my_groups_query_count_is_pinned(client):
    sign_in(client, "chair@example.org")
    client.get("/portal/groups/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/portal/groups/")
    assert response.status_code == 200
    assert "Groups you help run" in response.content.decode()
    assert len(queries) == MY_GROUPS_QUERIES, "\n".join(
        query["sql"][:120] for query in queries.captured_queries
    )
