from django.db import migrations

from portal.accounts.roles import sync_roles_operation


def default_mapping(apps, schema_editor):
    from portal.reports.evidence import default_clauses_create

    default_clauses_create(apps.get_model("reports", "EvidenceClause"))


class Migration(migrations.Migration):
    """The default regulator evidence mapping (every clause with at least one
    measure); Involvement officers and administrators keep it."""

    dependencies = [
        ("reports", "0003_evidence_clause"),
        ("volunteering", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(default_mapping, migrations.RunPython.noop),
        sync_roles_operation(),
    ]
