from django.core.management.base import BaseCommand

from portal.core.prepared_exports import prepared_exports_purge


class Command(BaseCommand):
    help = (
        "Delete prepared exports (and their files) older than "
        "INVOLVE_PREPARED_EXPORT_HOURS. Run hourly; safe to run again."
    )

    def handle(self, *args, **options):
        count = prepared_exports_purge()
        self.stdout.write(f"{count} prepared export(s) deleted.")
