import pytest
from django.contrib.auth.models import Group

from portal.accounts.factories import UserFactory
from portal.accounts.models import User
from portal.accounts.roles import ADMINISTRATORS, READERS_PANEL, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


def test_every_role_exists_with_exactly_its_listed_permissions():
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        granted = {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
        }
        # Wagtail's own Editors/Moderators defaults may add more; ours are all there.
        assert set(permissions) <= granted, role


def test_readers_panel_can_enter_the_admin_but_change_nothing():
    group = Group.objects.get(name=READERS_PANEL)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "access_admin" in codenames
    assert not [c for c in codenames if c.split("_")[0] in {"add", "change", "delete"}]
    assert not group.page_permissions.exists()


def test_a_resident_has_no_staff_permissions():
    resident = User.objects.get(email="resident@example.org")
    assert not resident.has_perm("wagtailadmin.access_admin")
    assert not resident.groups.exists()


def test_administrators_can_manage_users_but_officers_cannot():
    administrator = UserFactory(roles=[ADMINISTRATORS])
    officer = User.objects.get(email="officer@example.org")
    assert not administrator.is_superuser
    assert administrator.has_perm("accounts.change_user")
    assert administrator.has_perm("cms_core.change_landlordsettings")
    # Only Administrators list (and export) every account; officers reach
    # people through their work queues.
    assert administrator.has_perm("accounts.view_user")
    assert not officer.has_perm("accounts.view_user")
    assert not officer.has_perm("accounts.change_user")
