from django.core.management.base import BaseCommand
from django.db import transaction

from portal.core.personal_data import purge_expired


class Command(BaseCommand):
    help = (
        "Remove the personal details from records kept after an account closed "
        "(payments, the bank details they used) once their statutory period has "
        "passed. Run daily; safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            done = purge_expired()
        for model, count in done.items():
            self.stdout.write(f"{model}: {count} record(s) cleared.")
