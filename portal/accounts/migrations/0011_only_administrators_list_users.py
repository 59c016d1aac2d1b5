"""Involvement officers and Finance approvers no longer list (or export) every
account at /admin/users/: only Administrators manage users."""

from django.db import migrations

USER_PERMISSIONS = ["view_user", "add_user", "change_user", "delete_user"]


def forwards(apps, schema_editor):
    from portal.accounts.roles import ACCOUNTS_MANAGED_BY, STAFF_ROLES

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    user_permissions = permission_model.objects.filter(
        content_type__app_label="accounts", codename__in=USER_PERMISSIONS
    )
    for group in group_model.objects.filter(name__in=STAFF_ROLES).exclude(
        name__in=ACCOUNTS_MANAGED_BY
    ):
        group.permissions.remove(*user_permissions)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0010_notification_preferences")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
