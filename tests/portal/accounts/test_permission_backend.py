"""The first authentication backend reads a person's own permissions and their
groups' in one query, and grants exactly what Django's ModelBackend grants."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.accounts.backends import ModelBackendOneQuery
from portal.accounts.factories import UserFactory
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _permission(codename):
    return Permission.objects.get(codename=codename)


def test_own_and_group_permissions_in_one_query(django_assert_num_queries):
    person = UserFactory()
    person.user_permissions.add(_permission("access_admin"))
    group = Group.objects.create(name="Scorers")
    group.permissions.add(_permission("change_grantscheme"))
    person.groups.add(group)
    with django_assert_num_queries(1):
        assert person.has_perm("wagtailadmin.access_admin")
        assert person.has_perm("grants.change_grantscheme")
        assert not person.has_perm("grants.delete_grantscheme")
    fresh = type(person).objects.get(pk=person.pk)
    assert ModelBackendOneQuery().get_all_permissions(fresh) == (
        ModelBackend().get_all_permissions(type(person).objects.get(pk=person.pk))
    )
    assert {"wagtailadmin.access_admin", "grants.change_grantscheme"} <= (
        ModelBackendOneQuery().get_all_permissions(fresh)
    )


def test_inactive_person_and_object_permissions_get_nothing():
    person = UserFactory(is_active=False)
    person.user_permissions.add(_permission("access_admin"))
    assert ModelBackendOneQuery().get_all_permissions(person) == set()
    assert not person.has_perm("wagtailadmin.access_admin")
    active = UserFactory()
    active.user_permissions.add(_permission("access_admin"))
    assert ModelBackendOneQuery().get_all_permissions(active, obj=object()) == set()


def test_superuser_has_every_permission(django_assert_num_queries):
    boss = UserFactory(is_superuser=True)
    with django_assert_num_queries(1):
        permissions = ModelBackendOneQuery().get_all_permissions(boss)
    assert permissions == ModelBackend().get_all_permissions(
        type(boss).objects.get(pk=boss.pk)
    )
    assert "wagtailadmin.access_admin" in permissions


def test_sessions_signed_in_through_djangos_backend_stay_signed_in(client):
    """Sessions from before this backend name Django's: they still work."""
    person = UserFactory()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/portal/").status_code == 200


def test_a_person_without_permissions_is_read_without_asking_for_them(
    django_assert_num_queries,
):
    person = ModelBackendOneQuery().get_user(UserFactory().pk)
    with django_assert_num_queries(0):
        assert not person.has_perm("wagtailadmin.access_admin")
        assert not person.has_module_perms("wagtailadmin")
        assert ModelBackendOneQuery().get_all_permissions(person) == set()
        assert ModelBackendOneQuery().get_user_permissions(person) == set()
        assert ModelBackendOneQuery().get_group_permissions(person) == set()


@pytest.mark.parametrize("through", ["own", "group", "empty group", "superuser"])
def test_a_person_read_with_permissions_keeps_every_one(through):
    person = UserFactory(is_superuser=through == "superuser")
    if through == "own":
        person.user_permissions.add(_permission("access_admin"))
    elif through.endswith("group"):
        group = Group.objects.create(name="Scorers")
        if through == "group":
            group.permissions.add(_permission("access_admin"))
        person.groups.add(group)
    read = ModelBackendOneQuery().get_user(person.pk)
    expected = ModelBackend().get_all_permissions(
        type(person).objects.get(pk=person.pk)
    )
    assert ModelBackendOneQuery().get_all_permissions(read) == expected
    assert read.has_perm("wagtailadmin.access_admin") == (through != "empty group")


def test_an_inactive_or_unknown_person_is_not_read():
    assert ModelBackendOneQuery().get_user(UserFactory(is_active=False).pk) is None
    assert ModelBackendOneQuery().get_user(0) is None


def test_a_residents_public_page_asks_for_no_permissions(client):
    """The Wagtail user bar asks whether a signed-in person may use the admin;
    for a resident the answer comes with their user row."""
    sign_in(client, "resident@example.org")
    client.get("/meetings/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/meetings/").status_code == 200
    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
