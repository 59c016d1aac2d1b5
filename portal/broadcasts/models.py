"""A one-off message from staff to many people (a safety notice, a closure):
who it went to, on which channels, whether it was essential, and who sent it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window
from portal.core.models import Notification


class Broadcast(models.Model):
    """One message to everyone in an audience, sent through `notify` to each
    person in the way they asked. `token` comes from the preview the sender
    confirmed, so sending the same preview twice sends once."""

    class Audience(models.TextChoices):
        AREA = "area", _("Everyone with a checked home in an area")
        ESTATE = "estate", _("Everyone with a checked home on an estate")
        GROUP = "group", _("The members of a resident group")
        BODY = "body", _("The followers of a panel or committee")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being sent")
        SENT = "sent", _("Sent")

    token = models.UUIDField(unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    area = models.ForeignKey(
        "housing.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    estate = models.ForeignKey(
        "housing.Estate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body_followed = models.ForeignKey(
        "meetings.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channels = models.JSONField(_("channels"), default=list)
    essential = models.BooleanField(_("essential"), default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("people"), default=0)
    reached = models.PositiveIntegerField(
        _("reached"),
        null=True,
        blank=True,
        help_text=_(
            "People it went to in at least one of the chosen ways, counted in the "
            "outbox once it is sent."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )

    class Meta:
        verbose_name = _("message to many people")
        verbose_name_plural = _("messages to many people")
        ordering = ["-created_at"]
        permissions = [
            ("send_broadcast", "Can send a message to many people"),
            ("send_essential_broadcast", "Can mark a message to many people essential"),
        ]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def target(self):
        return {
            self.Audience.AREA: self.area,
            self.Audience.ESTATE: self.estate,
            self.Audience.GROUP: self.group,
            self.Audience.BODY: self.body_followed,
        }[self.audience]

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Notification.Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]

    @property
    def outbox_key(self) -> str:
        """The key of everyone's copy in the outbox (`notify`)."""
        return f"broadcast-{self.pk}"

    @staticmethod
    def new_token() -> uuid.UUID:
        return uuid.uuid4()
