"""Background tasks shared by the portal (the django-tasks API).

Arguments are plain JSON values so any backend (immediate, database worker) can
carry them.
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str], html_body: str = "") -> int:
    """Send one email; returns how many messages the backend accepted."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


@task()
def deliver_notification(*, notification_id: int) -> str:
    """Send one queued notification and record the outcome in the outbox.

    Safe to run twice: a notification already sent is left alone.
    """
    from django.db import transaction
    from django.utils import timezone

    from .models import Notification
    from .sms import get_sms_backend

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient__contact_preferences")
            .get(pk=notification_id)
        )
        if notification.status == Notification.Status.SENT:
            return notification.status
        notification.attempts += 1
        try:
            if notification.channel == Notification.Channel.SMS:
                get_sms_backend().send(
                    to=notification.recipient.contact_preferences.phone,
                    body=notification.body,
                )
            else:
                EmailMultiAlternatives(
                    subject=notification.subject,
                    body=notification.body,
                    to=[notification.recipient.email],
                ).send()
        except Exception as error:  # noqa: BLE001 (any provider failure is recorded)
            notification.status = Notification.Status.FAILED
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
        return notification.status
