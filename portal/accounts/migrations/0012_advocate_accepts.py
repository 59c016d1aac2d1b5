"""An advocate acts for a resident only once they accept (so naming an email never
reveals whether it has an account). Advocates named before this already act."""

from django.db import migrations, models
from django.db.models import F


def existing_advocates_have_accepted(apps, schema_editor):
    advocacy = apps.get_model("accounts", "Advocacy")
    advocacy.objects.filter(accepted_at__isnull=True).update(accepted_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0011_only_administrators_list_users")]

    operations = [
        migrations.AddField(
            model_name="advocacy",
            name="accepted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="accepted"),
        ),
        migrations.RunPython(
            existing_advocates_have_accepted, migrations.RunPython.noop
        ),
    ]
