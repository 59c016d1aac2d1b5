from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Let involvement officers (and administrators) decide expense pre-approvals."""

    dependencies = [("expenses", "0006_pre_approvals_and_more_kinds")]

    operations = [sync_roles_operation()]
