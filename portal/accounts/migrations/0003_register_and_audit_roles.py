from django.db import migrations


def sync(apps, schema_editor):
    from portal.accounts.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    """Grant the roles their property register and audit log permissions."""

    dependencies = [
        ("accounts", "0002_roles"),
        ("housing", "0001_initial"),
        ("portal_core", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
