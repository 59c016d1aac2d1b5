from django.db import migrations

from portal.accounts.roles import sync_roles_operation



class Migration(migrations.Migration):
    """Let involvement officers and administrators read the outbox."""

    dependencies = [
        ("accounts", "0005_preferences_access_equality"),
        ("portal_core", "0003_notification_outbox"),
    ]

    operations = [sync_roles_operation()]
