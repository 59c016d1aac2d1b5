from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers decide grants, finance approvers give second approvals,
    administrators set schemes up."""

    dependencies = [
        ("grants", "0001_initial"),
        ("payments", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
