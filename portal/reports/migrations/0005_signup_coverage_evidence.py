from django.db import migrations

# Clause 2.2 as the default mapping first shipped it.
FIRST_DEFAULT = [
    "meetings_held",
    "attendance",
    "groups_recognised",
    "renewals_on_time",
    "grants_awarded",
    "grants_paid",
    "recommendations_accepted",
    "inspection_score",
]


def add_signup_coverage(apps, schema_editor):
    """Sign-up coverage evidences clause 2.2 (support for tenant-led activity):
    added where the clause's measures are still as first shipped, never to an
    edited one."""
    clause = (
        apps.get_model("reports", "EvidenceClause").objects.filter(code="2.2").first()
    )
    if clause is None or clause.measures != FIRST_DEFAULT:
        return
    at = FIRST_DEFAULT.index("renewals_on_time") + 1
    clause.measures = [*FIRST_DEFAULT[:at], "signup_coverage", *FIRST_DEFAULT[at:]]
    clause.save(update_fields=["measures"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_default_evidence_mapping")]

    operations = [migrations.RunPython(add_signup_coverage, migrations.RunPython.noop)]
