from django.db import migrations, models


class Migration(migrations.Migration):
    """`GrantApplication.state` becomes `status`, as on every other record with a
    lifecycle (data kept). The index on (state, scheme) names the old column:
    it is dropped before the rename and made again on the new column. No check
    constraint of the model names the column, so they stand as they are."""

    dependencies = [
        ("grants", "0008_date_window"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="grantapplication",
            name="grants_gran_state_f93b66_idx",
        ),
        migrations.RenameField(
            model_name="grantapplication",
            old_name="state",
            new_name="status",
        ),
        migrations.AlterField(
            model_name="grantapplication",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Submitted"),
                    ("more_info", "More information needed"),
                    ("awaiting_second", "Waiting for a second approval"),
                    ("approved", "Approved"),
                    ("rejected", "Not approved"),
                    ("withdrawn", "Withdrawn"),
                    ("paid", "Paid"),
                ],
                default="draft",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddIndex(
            model_name="grantapplication",
            index=models.Index(
                fields=["status", "scheme"], name="grants_gran_status_417aaf_idx"
            ),
        ),
    ]
