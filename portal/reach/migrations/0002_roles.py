from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators see who takes part."""

    dependencies = [
        ("reach", "0001_reach"),
        ("scrutiny", "0002_roles"),
        ("accounts", "0013_representation_consent"),
    ]

    operations = [sync_roles_operation()]
