"""Page query counts are pinned and do not grow with the data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core.dates import london_today
from portal.evidence.models import Signature
from portal.groups.models import Activity, Group, Officer, RecognitionApplication
from portal.housing.models import Property
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def count(client, url):
    client.get(url)  # warm per-process caches (site, locales) first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def more_recognised_groups(n, officer_user):
    today = london_today()
    estates = list(Property.objects.values_list("estate_id", flat=True).distinct())
    for i in range(n):
        group = Group.objects.create(name=f"Extra group {n}-{i}", kind="tra")
        group.estates.add(estates[i % len(estates)])
        Officer.objects.create(
            group=group, user=officer_user, role="chair", elected_on=today
        )
        Activity.objects.create(
            group=group, kind="meeting", date=today + datetime.timedelta(days=3)
        )
        RecognitionApplication.objects.create(
            group=group,
            status="approved",
            recognised_until=today + datetime.timedelta(days=200),
        )


def test_directory_query_count_is_flat(client, user):
    more_recognised_groups(1, user)  # so every kind of coverage is in the baseline
    before = count(client, "/groups/")
    assert (
        before <= 22
    )  # 9 for the groups and their calendar meetings; the rest is chrome
    more_recognised_groups(12, user)
    page = client.get("/groups/").content.decode()
    assert "Extra group 12-11" in page
    assert count(client, "/groups/") == before


def test_officer_pages_are_flat_as_signatures_grow(client, anchor):
    sign_in(client, "chair@example.org")
    urls = [
        f"/portal/groups/{anchor.pk}/",
        f"/portal/groups/{anchor.pk}/evidence/",
        f"/portal/groups/{anchor.pk}/activity/",
        f"/portal/groups/{anchor.pk}/documents/",
        f"/portal/groups/{anchor.pk}/officers/",
        "/portal/groups/",
        "/portal/",
    ]
    before = {url: count(client, url) for url in urls}
    assert before[f"/portal/groups/{anchor.pk}/"] <= 32
    assert before[f"/portal/groups/{anchor.pk}/evidence/"] <= 22
    homes = Property.objects.exclude(street__name="Anchor House")[:300]
    Signature.objects.bulk_create(
        Signature(
            group=anchor,
            home=home,
            source="paper",
            name="x",
            signed_on=london_today(),
            status="accepted",
        )
        for home in homes
    )
    Activity.objects.bulk_create(
        Activity(group=anchor, kind="newsletter", date=london_today(), issue=str(n))
        for n in range(60)
    )
    assert {url: count(client, url) for url in urls} == before


def test_back_office_listings_are_flat(client, user):
    sign_in(client, "officer@example.org")
    urls = ["/admin/resident_groups/", "/admin/recognition_applications/"]
    before = {url: count(client, url) for url in urls}
    more_recognised_groups(12, user)
    assert {url: count(client, url) for url in urls} == before
