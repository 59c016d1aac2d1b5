import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0006_date_window"),
    ]

    # The date-window rule names its column: drop it before the rename and add it
    # back under the new name (SQLite rebuilds the table and would otherwise
    # compile the old rule against a column that no longer exists).
    operations = [
        migrations.RemoveConstraint(
            model_name="bankdetails",
            name="payments_bankdetails_verified_at_window",
        ),
        migrations.RenameField(
            model_name="bankdetails",
            old_name="verified_at",
            new_name="decided_at",
        ),
        migrations.RenameField(
            model_name="bankdetails",
            old_name="verified_by",
            new_name="decided_by",
        ),
        migrations.RenameField(
            model_name="bankdetails",
            old_name="rejection_reason",
            new_name="decision_reason",
        ),
        migrations.AddConstraint(
            model_name="bankdetails",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("decided_at__isnull", True),
                    models.Q(
                        (
                            "decided_at__gte",
                            datetime.datetime(1900, 1, 1, 0, 0, tzinfo=datetime.timezone.utc),
                        ),
                        (
                            "decided_at__lt",
                            datetime.datetime(2101, 1, 1, 0, 0, tzinfo=datetime.timezone.utc),
                        ),
                    ),
                    _connector="OR",
                ),
                name="payments_bankdetails_decided_at_window",
                violation_error_message="Enter a date between 1900 and 2100.",
            ),
        ),
    ]
