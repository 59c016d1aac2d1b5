from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers and administrators draw consultation prizes."""

    dependencies = [
        ("consultations", "0005_prize_draw"),
        ("volunteering", "0002_roles"),
        ("training", "0002_roles"),
        ("reach", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
