from django.core.management.base import BaseCommand

from portal.evidence.services import signatures_purge


class Command(BaseCommand):
    help = (
        "Delete signers' details a set time after their sign-up evidence expired "
        "(a recognition rule). Safe to run daily."
    )

    def handle(self, *args, **options):
        deleted = signatures_purge()
        self.stdout.write(f"Deleted {deleted} expired signature(s).")
