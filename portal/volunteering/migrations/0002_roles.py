from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    """Involvement officers confirm hours and see involvement records; they and
    finance approvers issue thank-you vouchers."""

    dependencies = [
        ("volunteering", "0001_initial"),
        ("scrutiny", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
