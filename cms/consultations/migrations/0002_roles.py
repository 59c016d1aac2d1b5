from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Let involvement officers and administrators publish results and outcomes,
    enter paper responses, moderate comments and see interested residents."""

    dependencies = [
        ("accounts", "0009_advocacy"),
        ("groups", "0002_roles"),
        ("consultations", "0001_initial"),
        ("involvement", "0001_initial"),
    ]

    operations = [sync_roles_operation()]
