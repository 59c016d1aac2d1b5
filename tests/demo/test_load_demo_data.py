import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage
from portal.accounts.models import User
from portal.accounts.roles import (
    EDITORS,
    FINANCE_APPROVERS,
    GRANT_PANEL,
    INVOLVEMENT_OFFICERS,
    READERS_PANEL,
)
from portal.core.dates import london_today
from tests.demo_snapshot import demo_built_on

pytestmark = pytest.mark.django_db


def counts():
    return (Page.objects.count(), User.objects.count(), Site.objects.count())


def test_demo_data_is_safe_to_load_again():
    before = counts()
    call_command("load_demo_data", stdout=io.StringIO())
    assert counts() == before


def test_reset_rebuilds_the_same_demo():
    if london_today() != demo_built_on():
        # The run crossed midnight since this process built the demo, which is
        # laid out around its build day: compare with a build of today instead.
        call_command("load_demo_data", "--reset", stdout=io.StringIO())
    before = counts()
    out = io.StringIO()
    call_command("load_demo_data", "--reset", stdout=out)
    assert counts() == before
    assert "chair@example.org" in out.getvalue()


def test_demo_has_a_home_page_in_every_language_and_the_site_points_to_it():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert sorted(HomePage.objects.values_list("locale__language_code", flat=True)) == [
        "ar",
        "bn",
        "en-gb",
        "pl",
    ]


def test_demo_has_one_user_per_role():
    for email, role in [
        ("editor@example.org", EDITORS),
        ("officer@example.org", INVOLVEMENT_OFFICERS),
        ("finance@example.org", FINANCE_APPROVERS),
        ("reader@example.org", READERS_PANEL),
        ("panel@example.org", GRANT_PANEL),
    ]:
        assert User.objects.get(email=email).groups.filter(name=role).exists()
    assert User.objects.get(email="admin@example.org").is_superuser
