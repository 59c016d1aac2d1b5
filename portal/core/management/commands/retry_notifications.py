from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from portal.core.models import Notification
from portal.core.tasks import deliver_notification

MAX_ATTEMPTS = 5


class Command(BaseCommand):
    help = (
        "Queue failed notifications again (up to 5 attempts each), and texts held "
        "for quiet hours once they end. Safe to run often, e.g. every 5 minutes."
    )

    def handle(self, *args, **options):
        failed = Notification.objects.filter(
            Q(status=Notification.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
            | Q(status=Notification.Status.HELD, send_after__lte=timezone.now())
        ).values_list("pk", flat=True)
        count = 0
        for notification_id in failed:
            deliver_notification.enqueue(notification_id=notification_id)
            count += 1
        self.stdout.write(f"Queued {count} failed or held notification(s) again.")
