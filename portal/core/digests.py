"""Daily and weekly round-ups: news someone follows, gathered into one message per
channel and period instead of one message each.

`notify(..., digestible=True)` leaves such news in the outbox as `digest` for people
who chose a round-up on that channel. `digests_send` (the `send_digests` command,
daily; weekly round-ups on Mondays) builds one message per person, channel and
period under the key `digest-<frequency>-<period>`, so a period's round-up goes
once however often it runs, and never empty.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notifications
from .models import Notification
from .tasks import deliver_notification

LONDON = ZoneInfo("Europe/London")
# A round-up by text message lists only what each item is about.
SMS_ITEMS = 5


def period(frequency: str, now: datetime.datetime) -> tuple[str, datetime.datetime]:
    """The period that has just ended: its label and its end (exclusive).
    Daily: yesterday (London). Weekly: last Monday-to-Sunday (ISO week)."""
    today = datetime.datetime.combine(
        now.astimezone(LONDON).date(), datetime.time(), tzinfo=LONDON
    )
    if frequency == "daily":
        return (today - datetime.timedelta(days=1)).date().isoformat(), today
    end = today - datetime.timedelta(days=today.weekday())
    year, week, _day = (end - datetime.timedelta(days=1)).isocalendar()
    return f"{year}-W{week:02d}", end


def _text(frequency: str, items: list, channel: str) -> tuple[str, str]:
    if frequency == "weekly":
        subject = _("Your weekly round-up: %(count)s new things") % {
            "count": len(items)
        }
    else:
        subject = _("Your daily round-up: %(count)s new things") % {"count": len(items)}
    if channel == Notification.Channel.SMS:
        lines = [f"- {item.subject}" for item in items[:SMS_ITEMS]]
        if len(items) > SMS_ITEMS:
            lines.append(_("and %(count)s more.") % {"count": len(items) - SMS_ITEMS})
        return subject, "\n".join([subject, *lines])
    sections = [f"{item.subject}\n{item.body}" for item in items]
    return subject, "\n\n----\n\n".join([subject, *sections])


def digests_send(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Send each person their round-up for the period that just ended."""
    now = now or timezone.now()
    label, end = period(frequency, now)
    waiting = (
        Notification.objects.filter(
            status=Notification.Status.DIGEST, created_at__lt=end
        )
        .values_list("recipient_id", "channel")
        .distinct()
    )
    sent = 0
    for recipient_id, channel in waiting:
        with transaction.atomic():
            items = list(
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient__contact_preferences")
                .filter(
                    recipient_id=recipient_id,
                    channel=channel,
                    status=Notification.Status.DIGEST,
                    created_at__lt=end,
                )
                .order_by("created_at", "pk")
            )
            if not items:
                continue
            recipient = items[0].recipient
            wanted = notifications.round_up(recipient, channel) or "daily"
            if wanted != frequency:
                continue
            language = notifications.recipient_language(recipient)
            with translation.override(language):
                subject, body = _text(frequency, items, channel)
            digest, is_new = Notification.objects.get_or_create(
                recipient=recipient,
                key=f"digest-{frequency}-{label}",
                channel=channel,
                defaults={
                    "subject": subject[:200],
                    "body": body,
                    "status": Notification.Status.QUEUED,
                    "language": language,
                },
            )
            if not is_new:
                continue
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(
                status=Notification.Status.INCLUDED
            )
            transaction.on_commit(
                lambda nid=digest.pk: deliver_notification.enqueue(notification_id=nid)
            )
            sent += 1
    return sent
