from django.core.management.base import BaseCommand

from cms.meetings.services import late_minutes_chase


class Command(BaseCommand):
    help = (
        "Remind the people responsible for a meeting page when its minutes are "
        "past their deadline and not published (run daily; each reminder once)."
    )

    def handle(self, *args, **options):
        sent = late_minutes_chase()
        self.stdout.write(f"Late minutes reminders sent: {sent}.")
