"""The audit log: one entry per decision or state change, for every portal app."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import audit_label
from .constraints import date_window


class AuditEntry(models.Model):
    """Who did what to which record, when, from which state to which, and why.

    Entries are only ever added (never edited) by `portal.core.services.audit_record`.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acting_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=200)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        """What happened, in words (the label its app registered for the code)."""
        return audit_label(self.action)


class Topic(models.Model):
    """A subject residents can follow (repairs, green spaces…), shared by
    preferences, consultations and opportunities."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("topic")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """The outbox: every message we send a person, on each channel, and its fate.

    (recipient, key, channel) is unique, so asking twice to send the same
    notification never sends it twice.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")
        POST = "post", _("Post")
        PHONE = "phone", _("Phone call")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        MANUAL = "manual", _("To send by hand")
        HELD = "held", _("Held until quiet hours end")
        DIGEST = "digest", _("Waiting for the round-up")
        INCLUDED = "included", _("Sent in a round-up")

    class Delivery(models.TextChoices):
        """What the provider said happened after it accepted the message."""

        UNKNOWN = "", _("Not reported")
        DELIVERED = "delivered", _("Delivered")
        PERMANENT_FAILURE = "permanent-failure", _("Failed permanently")
        TEMPORARY_FAILURE = "temporary-failure", _("Failed for now")
        TECHNICAL_FAILURE = "technical-failure", _("Failed: provider problem")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(_("what about"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    format_note = models.CharField(
        _("format"),
        max_length=200,
        blank=True,
        help_text=_("Formats the person asked for, for staff sending by hand."),
    )
    essential = models.BooleanField(
        _("essential"),
        default=False,
        help_text=_("Goes out even past the text message cap or in quiet hours."),
    )
    send_after = models.DateTimeField(_("send after"), null=True, blank=True)
    provider_reference = models.CharField(
        _("provider reference"), max_length=100, blank=True, db_index=True
    )
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, blank=True
    )
    delivery_reported_at = models.DateTimeField(
        _("delivery reported"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key", "channel"], name="notification_sent_once"
            ),
            date_window("created_at", time=True),
            date_window("sent_at", time=True),
            date_window("send_after", time=True),
            date_window("delivery_reported_at", time=True),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "channel", "created_at"],
                name="notification_cap_count",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.channel})"


class NotificationOptOut(models.Model):
    """A kind of message someone asked not to get any more (one-click unsubscribe).

    Kinds are the part of a notification key before the first separator
    (`meeting`, `minutes`, `alert`…); essential messages still go out.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
    )
    kind = models.CharField(_("kind of message"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribed kind of message")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="opt_out_once"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.user} ✕ {self.kind}"


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def _private_path(instance, filename):
    # Random, meaningless names: the original name is kept in the database only.
    return f"{instance.uploaded_at:%Y/%m}/{instance.pk.hex}"


class PrivateFile(models.Model):
    """An uploaded document (evidence, receipt, bank statement) that is never
    public: stored outside MEDIA_ROOT and served only by a permission-checked view.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(storage=_private_storage, upload_to=_private_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("private file")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("uploaded_at", time=True),
        ]

    def __str__(self) -> str:
        return self.original_name


def _prepared_export_path(instance, filename):
    return f"exports/{instance.requested_at:%Y/%m/%d}/{instance.pk.hex}"


class PreparedExport(models.Model):
    """A listing export too large to make while the person waits (over
    `INVOLVE_EXPORT_BACKGROUND_ROWS` rows): a task worker writes it to private
    storage, and only the person who asked may download it, for a day
    (`portal/core/prepared_exports.py`)."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be prepared")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    listing = models.CharField(_("listing"), max_length=200)
    # The export's own address, replayed by the worker as the person who asked, so
    # the file holds exactly the rows, filters and permissions they would have had.
    path = models.CharField(max_length=500)
    query = models.TextField(blank=True)
    host = models.CharField(max_length=255)
    export_format = models.CharField(_("format"), max_length=4)
    rows = models.PositiveIntegerField(_("rows"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )
    file = models.FileField(
        storage=_private_storage, upload_to=_prepared_export_path, blank=True
    )
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)

    class Meta:
        verbose_name = _("prepared export")
        indexes = [
            # The person's own list, newest first; the purge reads by age.
            models.Index(
                fields=["requested_by", "-requested_at"], name="prepared_export_owner"
            ),
            models.Index(fields=["requested_at"], name="prepared_export_age"),
        ]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("requested_at", time=True),
            date_window("ready_at", time=True),
        ]

    def __str__(self) -> str:
        return self.filename or self.listing
