from django.core.management.base import BaseCommand

from portal.reach.services import snapshots_backfill


class Command(BaseCommand):
    help = (
        "Take a snapshot for every meeting attended and consultation response sent "
        "that has none yet (records from before the check existed), from the "
        "answers people hold now. Safe to run again: each one is taken once."
    )

    def handle(self, *args, **options):
        made = snapshots_backfill()
        self.stdout.write(self.style.SUCCESS(f"Took {made} snapshots."))
