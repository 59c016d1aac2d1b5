from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators see the performance report;
    administrators set its targets."""

    dependencies = [
        ("reports", "0001_measure_targets"),
        ("scrutiny", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
