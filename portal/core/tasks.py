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


def _email_for(notification) -> EmailMultiAlternatives:
    """The email with a one-click unsubscribe (RFC 8058) for its kind of message and
    a link to change preferences without signing in, in the recipient's language.
    People who asked for large print also get it laid out for large print (one
    layout for every message); the plain text part is the same for everyone."""
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext as _

    from . import notifications

    user_id = notification.recipient_id
    kind = notifications.message_kind(notification.key)
    unsubscribe = notifications.unsubscribe_url(user_id=user_id, kind=kind)
    preferences = notifications.preferences_url(user_id=user_id)
    with translation.override(notification.language or None):
        footer = "\n".join(
            [
                "",
                "--",
                _("Stop emails like this: %(url)s") % {"url": unsubscribe},
                _("Choose what you hear about and how: %(url)s") % {"url": preferences},
            ]
        )
        html = ""
        if notifications.wants_large_print(notification.recipient):
            html = render_to_string(
                "core/email/large_print.html",
                {
                    "subject": notification.subject,
                    "paragraphs": [
                        part.strip()
                        for part in notification.body.split("\n\n")
                        if part.strip()
                    ],
                    "unsubscribe_url": unsubscribe,
                    "preferences_url": preferences,
                },
            )
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body + "\n" + footer,
        to=[notification.recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


@task()
def deliver_notification(*, notification_id: int) -> str:
    """Send one queued notification and record the outcome in the outbox.

    Safe to run twice: a notification already sent is left alone, and one held
    for quiet hours waits until they end (`retry_notifications` sends it then).
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
        if notification.send_after and notification.send_after > timezone.now():
            return notification.status
        notification.attempts += 1
        reference = ""
        try:
            if notification.channel == Notification.Channel.SMS:
                reference = get_sms_backend().send(
                    to=notification.recipient.contact_preferences.phone,
                    body=notification.body,
                    reference=f"involve-{notification.pk}",
                )
            else:
                message = _email_for(notification)
                message.involve_reference = f"involve-{notification.pk}"
                message.send()
                reference = getattr(message, "provider_reference", "")
        except Exception as error:  # noqa: BLE001 (any provider failure is recorded)
            notification.status = Notification.Status.FAILED
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.provider_reference = (reference or "")[:100]
        notification.save(
            update_fields=[
                "status",
                "attempts",
                "last_error",
                "sent_at",
                "provider_reference",
            ]
        )
        return notification.status
