from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Let involvement officers approve expense claims; finance approvers see them."""

    dependencies = [("expenses", "0003_claims")]

    operations = [sync_roles_operation()]
