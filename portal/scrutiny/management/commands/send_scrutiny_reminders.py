from django.core.management.base import BaseCommand

from portal.scrutiny.services import REMINDER_WORKING_DAYS, response_reminders_send


class Command(BaseCommand):
    help = (
        "Remind the staff responsible for a scrutiny review's response a few "
        "working days before it is due and once it is overdue (run daily; each "
        "reminder goes once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REMINDER_WORKING_DAYS)

    def handle(self, *args, days: int, **options):
        sent = response_reminders_send(lead_days=days)
        self.stdout.write(
            f"Reminders sent: {sent['before']} before the response is due, "
            f"{sent['overdue']} overdue."
        )
