from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """The Grant panel role: residents who score applications in the portal."""

    dependencies = [("grants", "0004_panel_files_conditions")]

    operations = [sync_roles_operation()]
