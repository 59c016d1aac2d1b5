"""Writes shared by every portal app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .models import AuditEntry, Notification
from .tasks import deliver_notification


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    acting_for=None,
    details: dict | None = None,
) -> AuditEntry:
    """Add one entry to the audit log. Call it inside the transaction that makes the
    change, so a rolled-back change leaves no entry behind."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        acting_for=acting_for,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )


AUTOMATIC_CHANNELS = {"email", "sms"}


def notify(*, recipient, key: str, subject: str, body: str) -> list[Notification]:
    """Send a person a message on each channel they chose, exactly once per key.

    Email and text messages go out through a background task; post and phone
    are left in the outbox for staff to send by hand. Call it inside the
    transaction that caused it: nothing is sent if that transaction rolls back.
    """
    prefs = getattr(recipient, "contact_preferences", None)
    channels = prefs.channels if prefs else ["email"]
    if "sms" in channels and not prefs.phone:
        channels = [c for c in channels if c != "sms"] or ["email"]
    created = []
    for channel in channels:
        notification, is_new = Notification.objects.get_or_create(
            recipient=recipient,
            key=key,
            channel=channel,
            defaults={
                "subject": subject,
                "body": body,
                "status": Notification.Status.QUEUED
                if channel in AUTOMATIC_CHANNELS
                else Notification.Status.MANUAL,
            },
        )
        if is_new:
            created.append(notification)
            if channel in AUTOMATIC_CHANNELS:
                notification_id = notification.pk
                transaction.on_commit(
                    lambda nid=notification_id: deliver_notification.enqueue(
                        notification_id=nid
                    )
                )
    return created
