from django.core.management.base import BaseCommand

from portal.groups.services import recognition_reminders_send


class Command(BaseCommand):
    help = (
        "Remind group officers before recognition ends (90, 30 and 7 days by "
        "default). Each reminder goes out once, however often this runs: run it daily."
    )

    def handle(self, *args, **options):
        sent = recognition_reminders_send()
        self.stdout.write(f"Sent {sent} renewal reminder(s).")
