from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Let involvement officers and administrators recognise groups and check
    sign-up evidence."""

    dependencies = [
        ("accounts", "0009_advocacy"),
        ("groups", "0001_initial"),
        ("evidence", "0001_initial"),
    ]

    operations = [sync_roles_operation()]
