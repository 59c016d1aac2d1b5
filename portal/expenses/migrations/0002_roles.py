from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Let involvement officers and administrators edit the expenses policy."""

    dependencies = [
        ("groups", "0002_roles"),
        ("participation", "0002_roles"),
        ("expenses", "0001_initial"),
    ]

    operations = [sync_roles_operation()]
