"""Writes shared by every portal app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count, QuerySet

from . import notifications
from .models import AuditEntry, Notification, NotificationOptOut
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
        object_repr=_describe(target),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )


def _describe(target: models.Model) -> str:
    """How the entry names its record. A record about a person (an account, or
    anything in the personal-data register) is named by kind and id only, so the
    log never spells out a name or address: the admin shows the person through
    the linked account at read time ("a former resident" once it is closed)."""
    from .personal_data import is_about_a_person

    if is_about_a_person(target.__class__):
        return f"{target._meta.verbose_name} {target.pk}"[:200]
    return str(target)[:200]


AUTOMATIC_CHANNELS = {"email", "sms"}


def choose_channels(
    prefs,
    *,
    opted_out: bool,
    texts_this_year: int,
    essential: bool,
    allowed=None,
) -> list[str]:
    """The person's chosen channels, less a kind they unsubscribed from, with texts
    over the yearly cap moved to their next channel (email if none); `allowed`
    (when given) keeps only the channels a sender chose. Pure: callers count the
    texts and opt-outs (one person in `notify`, many at once for a preview)."""
    channels = list(prefs.channels) if prefs else ["email"]
    if "sms" in channels and not prefs.phone:
        channels = [c for c in channels if c != "sms"] or ["email"]
    if not essential and opted_out:
        return []
    if (
        "sms" in channels
        and not essential
        and texts_this_year >= notifications.sms_yearly_cap()
    ):
        channels = [c for c in channels if c != "sms"] or ["email"]
    if allowed is not None:
        channels = [c for c in channels if c in allowed]
    return channels


def _texts_this_year(recipients) -> QuerySet:
    return Notification.objects.filter(
        recipient__in=recipients,
        channel=Notification.Channel.SMS,
        created_at__gte=notifications.start_of_year(),
    ).exclude(status=Notification.Status.FAILED)


def _channels(recipient, *, kind: str, essential: bool, allowed=None) -> list[str]:
    prefs = getattr(recipient, "contact_preferences", None)
    opted_out = (
        not essential
        and NotificationOptOut.objects.filter(user=recipient, kind=kind).exists()
    )
    wants_texts = bool(prefs and prefs.by_sms and prefs.phone)
    texts = (
        _texts_this_year([recipient]).count() if wants_texts and not essential else 0
    )
    return choose_channels(
        prefs,
        opted_out=opted_out,
        texts_this_year=texts,
        essential=essential,
        allowed=allowed,
    )


def delivery_plan(recipients: QuerySet, *, kind: str, essential: bool, allowed=None):
    """What `notify` would do for many people at once, in three queries: how many
    get the message on each channel and how many on none (unsubscribed, or none
    of their channels chosen). `recipients` is a queryset of users."""
    people = list(recipients.select_related("contact_preferences").order_by())
    opted_out = set(
        NotificationOptOut.objects.filter(user__in=recipients, kind=kind).values_list(
            "user_id", flat=True
        )
    )
    texts = (
        {}
        if essential
        else dict(
            _texts_this_year(recipients)
            .order_by()
            .values("recipient_id")
            .annotate(n=Count("pk"))
            .values_list("recipient_id", "n")
        )
    )
    counts = dict.fromkeys(Notification.Channel.values, 0)
    counts["none"] = 0
    for person in people:
        channels = choose_channels(
            getattr(person, "contact_preferences", None),
            opted_out=person.pk in opted_out,
            texts_this_year=texts.get(person.pk, 0),
            essential=essential,
            allowed=allowed,
        )
        for channel in channels:
            counts[channel] += 1
        if not channels:
            counts["none"] += 1
    counts["people"] = len(people)
    return counts


def notify(
    *,
    recipient,
    key: str,
    subject: notifications.Text,
    body: notifications.Text,
    easy_read_body: notifications.Text | None = None,
    essential: bool = False,
    actor=None,
    digestible: bool = False,
    channels=None,
) -> list[Notification]:
    """Send a person a message on each channel they chose, exactly once per key.

    The message is written in the recipient's language: pass `subject` and `body`
    as lazy strings or callables (`lambda: _("…") % {…}`) and they are rendered
    under it. Email and text messages go out through a background task; post and
    phone are left in the outbox for staff, with the formats the person asked
    for. Texts stop at the yearly cap (the message goes by their next channel)
    and wait out quiet hours, unless staff mark the message `essential` (audited).
    News about what someone follows is `digestible`: it waits for their daily or
    weekly round-up on each channel where they chose one (`send_digests`).
    `channels` (when given) limits the message to those of the person's own
    channels (a staff message sent by email and text only).
    Call it inside the transaction that caused it: nothing is sent if that
    transaction rolls back.
    """
    kind = notifications.message_kind(key)
    language = notifications.recipient_language(recipient)
    if easy_read_body is not None and notifications.wants_easy_read(recipient):
        body = easy_read_body
    rendered_subject = notifications.render(subject, language)[:200]
    rendered_body = notifications.render(body, language)
    note = notifications.format_note(recipient)
    created = []
    for channel in _channels(
        recipient, kind=kind, essential=essential, allowed=channels
    ):
        send_after = None
        status = (
            Notification.Status.QUEUED
            if channel in AUTOMATIC_CHANNELS
            else Notification.Status.MANUAL
        )
        if digestible and notifications.round_up(recipient, channel):
            status = Notification.Status.DIGEST
        elif channel == Notification.Channel.SMS and not essential:
            send_after = notifications.quiet_until()
            if send_after is not None:
                status = Notification.Status.HELD
        notification, is_new = Notification.objects.get_or_create(
            recipient=recipient,
            key=key,
            channel=channel,
            defaults={
                "subject": rendered_subject,
                "body": rendered_body,
                "status": status,
                "language": language,
                "format_note": note,
                "essential": essential,
                "send_after": send_after,
            },
        )
        if not is_new:
            continue
        created.append(notification)
        if essential and actor is not None:
            audit_record(
                actor=actor,
                action="notification.essential",
                target=notification,
                reason=rendered_subject,
            )
        if status == Notification.Status.QUEUED:
            notification_id = notification.pk
            transaction.on_commit(
                lambda nid=notification_id: deliver_notification.enqueue(
                    notification_id=nid
                )
            )
    return created
