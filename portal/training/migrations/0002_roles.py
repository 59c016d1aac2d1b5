from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators run training: courses,
    sessions, skills, attendance and the skills audit summary."""

    dependencies = [
        ("training", "0001_initial"),
        ("reports", "0004_default_evidence_mapping"),
    ]

    operations = [sync_roles_operation()]
