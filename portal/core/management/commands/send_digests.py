from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.core.digests import LONDON, digests_send


class Command(BaseCommand):
    help = (
        "Send daily round-ups for yesterday and, on Mondays, weekly round-ups for "
        "last week. Run it once a day (early morning); running it again sends "
        "nothing twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        daily = digests_send(frequency="daily", now=now)
        weekly = 0
        if now.astimezone(LONDON).weekday() == 0:
            weekly = digests_send(frequency="weekly", now=now)
        self.stdout.write(f"Sent {daily} daily and {weekly} weekly round-up(s).")
