from django.db import migrations

from portal.accounts.roles import sync_roles_operation


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("meetings", "0001_initial"),
        ("groups", "0002_roles"),
    ]

    operations = [sync_roles_operation()]
