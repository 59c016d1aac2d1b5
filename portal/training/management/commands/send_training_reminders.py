from django.core.management.base import BaseCommand

from portal.training.services import reminder_days, training_reminders_send


class Command(BaseCommand):
    help = (
        "Remind people with a training place a set number of days before the "
        "session (INVOLVE_TRAINING_REMINDER_DAYS). Each reminder is sent once, so "
        "run it as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days: int | None, **options):
        sent = training_reminders_send(days=days)
        self.stdout.write(
            f"Training reminders sent: {sent} "
            f"(sessions up to {reminder_days() if days is None else days} days ahead)."
        )
