from django.db import migrations


class Migration(migrations.Migration):
    """The typed date and the ticked box go: 0005 moved what they held into the
    system's own stamps."""

    dependencies = [
        ("meetings", "0005_stamps_from_typed_data"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="meetingpage",
            name="minutes_published_on",
        ),
        migrations.RemoveField(
            model_name="meetingpaper",
            name="late",
        ),
    ]
