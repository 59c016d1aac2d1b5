from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Editors add actions; involvement officers and administrators manage them."""

    dependencies = [("actions", "0001_register")]

    operations = [sync_roles_operation()]
