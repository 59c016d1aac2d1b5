from django.db import migrations

from portal.accounts.roles import sync_roles_operation

from ..workflows import create_readers_panel_workflow


class Migration(migrations.Migration):
    """Editors and officers handle requests for other formats and competitions;
    the magazine workflow (Readers Panel review, then a moderator) exists."""

    dependencies = [
        ("magazines", "0001_initial"),
        ("cms_core", "0002_formatrequest"),
        ("consultations", "0002_roles"),
        ("expenses", "0004_claim_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        sync_roles_operation(),
        migrations.RunPython(create_readers_panel_workflow, migrations.RunPython.noop),
    ]
