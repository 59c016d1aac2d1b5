from django.core.management.base import BaseCommand

from portal.participation.services import meeting_reminders_send


class Command(BaseCommand):
    help = (
        "Remind people coming to a meeting, a set number of days before (a meeting "
        "rule). Each reminder is sent once, so run it as often as you like."
    )

    def handle(self, *args, **options):
        sent = meeting_reminders_send()
        self.stdout.write(f"Sent {sent} reminder(s).")
