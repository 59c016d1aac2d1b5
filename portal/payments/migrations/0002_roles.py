from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Finance approvers and administrators make payment runs and check bank
    details."""

    dependencies = [
        ("payments", "0001_initial"),
        ("participation", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
