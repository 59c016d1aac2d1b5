from django.db import migrations

from portal.accounts.roles import sync_roles_operation



class Migration(migrations.Migration):
    """Grant the roles their property register and audit log permissions."""

    dependencies = [
        ("accounts", "0002_roles"),
        ("housing", "0001_initial"),
        ("portal_core", "0001_initial"),
    ]

    operations = [sync_roles_operation()]
