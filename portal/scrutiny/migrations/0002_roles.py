from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators run scrutiny reviews."""

    dependencies = [
        ("scrutiny", "0001_scrutiny_reviews"),
        ("inspections", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
