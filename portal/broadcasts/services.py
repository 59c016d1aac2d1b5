"""Sending a message to many people: checked, audited, sent once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.models import Notification
from portal.core.services import audit_record, notify

from .models import Broadcast
from .selectors import audience_people

SEND = "broadcasts.send_broadcast"
SEND_ESSENTIAL = "broadcasts.send_essential_broadcast"
TARGET_FIELD = {
    Broadcast.Audience.AREA: "area",
    Broadcast.Audience.ESTATE: "estate",
    Broadcast.Audience.GROUP: "group",
    Broadcast.Audience.BODY: "body_followed",
}


def broadcast_send(
    *,
    actor,
    token,
    subject: str,
    body: str,
    audience: str,
    target,
    channels: list[str],
    essential: bool,
) -> tuple[Broadcast, bool]:
    """Record the message and queue it for everyone in the audience, once per
    `token` (the preview that was confirmed): a second submission of the same
    preview returns the first message and sends nothing. Essential messages pass
    the text cap, quiet hours and unsubscribes, so only roles allowed to may send
    them. Returns (message, whether this call sent it)."""
    if not actor.has_perm(SEND):
        raise PermissionDenied(_("You cannot send messages to many people."))
    if essential and not actor.has_perm(SEND_ESSENTIAL):
        raise PermissionDenied(_("You cannot mark a message as essential."))
    if audience not in TARGET_FIELD or target is None:
        raise ValidationError({"audience": _("Choose who the message is for.")})
    if not channels:
        raise ValidationError({"channels": _("Choose at least one way to send it.")})
    with transaction.atomic():
        broadcast, created = Broadcast.objects.get_or_create(
            token=token,
            defaults={
                "subject": subject,
                "body": body,
                "audience": audience,
                TARGET_FIELD[audience]: target,
                "channels": list(channels),
                "essential": essential,
                "sent_by": actor,
            },
        )
        if not created:
            return broadcast, False
        broadcast.recipients = audience_people(audience=audience, target=target).count()
        broadcast.save(update_fields=["recipients"])
        audit_record(
            actor=actor,
            action="broadcast.sent",
            target=broadcast,
            reason=subject,
            details={
                "people": broadcast.recipients,
                "channels": list(channels),
                "essential": essential,
                "audience": audience,
                "target": str(target),
            },
        )
        from .tasks import deliver_broadcast

        transaction.on_commit(
            lambda: deliver_broadcast.enqueue(broadcast_id=broadcast.pk)
        )
    return broadcast, True


def broadcast_deliver(*, broadcast: Broadcast) -> int:
    """Give each person the message through `notify`, in their language and the
    way they asked (post and phone to the staff queue). Safe to run twice: the
    outbox holds one message per person, key and channel."""
    people = audience_people(
        audience=broadcast.audience, target=broadcast.target
    ).select_related("contact_preferences")
    key = broadcast.outbox_key
    reached = 0

    for person in people.iterator(chunk_size=500):
        with transaction.atomic():
            if notify(
                recipient=person,
                key=key,
                subject=broadcast.subject,
                body=broadcast.body,
                essential=broadcast.essential,
                actor=broadcast.sent_by if broadcast.essential else None,
                channels=broadcast.channels,
            ):
                reached += 1
    # Everyone it went to, counted in the outbox so a second run counts the same.
    everyone = Notification.objects.filter(key=key).values("recipient").distinct()
    Broadcast.objects.filter(pk=broadcast.pk).update(
        status=Broadcast.Status.SENT, reached=everyone.count()
    )
    return reached
