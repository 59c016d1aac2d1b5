from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators set up checklists and schedules."""

    dependencies = [
        ("inspections", "0001_estate_inspections"),
        ("actions", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
