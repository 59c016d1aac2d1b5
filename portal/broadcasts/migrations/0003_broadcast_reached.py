from django.db import migrations, models


def count_reached(apps, schema_editor):
    """Messages already sent: count who they reached from the outbox."""
    Broadcast = apps.get_model("broadcasts", "Broadcast")
    Notification = apps.get_model("portal_core", "Notification")
    for broadcast in Broadcast.objects.filter(status="sent").only("pk"):
        reached = (
            Notification.objects.filter(key=f"broadcast-{broadcast.pk}")
            .values("recipient")
            .distinct()
            .count()
        )
        Broadcast.objects.filter(pk=broadcast.pk).update(reached=reached)


class Migration(migrations.Migration):
    dependencies = [
        ("broadcasts", "0002_roles"),
        ("portal_core", "0006_notification_round_ups"),
    ]

    operations = [
        migrations.AddField(
            model_name="broadcast",
            name="reached",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "People it went to in at least one of the chosen ways, counted "
                    "in the outbox once it is sent."
                ),
                null=True,
                verbose_name="reached",
            ),
        ),
        migrations.RunPython(count_reached, migrations.RunPython.noop),
    ]
