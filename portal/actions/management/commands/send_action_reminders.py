from django.core.management.base import BaseCommand

from portal.actions.services import REMINDER_LEAD_DAYS, action_reminders_send


class Command(BaseCommand):
    help = (
        "Remind action owners once before the due date and once after it "
        "(run daily; each reminder goes once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=REMINDER_LEAD_DAYS)

    def handle(self, *args, days: int, **options):
        sent = action_reminders_send(lead_days=days)
        self.stdout.write(
            f"Reminders sent: {sent['before']} before the due date, "
            f"{sent['after']} after it."
        )
