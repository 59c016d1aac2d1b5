from django.core.management.base import BaseCommand

from portal.grants.services import report_reminders_send


class Command(BaseCommand):
    help = (
        "Remind grant holders before their end-of-grant report is due "
        "(run daily; each reminder goes once)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {report_reminders_send()} reminder(s).")
