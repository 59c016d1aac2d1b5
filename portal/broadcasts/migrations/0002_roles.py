from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators send messages to many people and
    may mark them essential."""

    dependencies = [
        ("broadcasts", "0001_initial"),
        ("volunteering", "0002_roles"),
        ("reports", "0004_default_evidence_mapping"),
    ]

    operations = [sync_roles_operation()]
