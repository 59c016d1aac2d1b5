"""Sign-up evidence: residents' signatures supporting a group, online or on paper.

Signers' details are personal data: only staff and the group's officers see them,
and rows are deleted a set time after the evidence expires
(`manage.py purge_signatures`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window
from portal.core.transitions import Lifecycle, Move


class PaperSheet(models.Model):
    """A scanned paper sign-up sheet; officers type its rows in, staff check them."""

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="paper_sheets"
    )
    scan = models.ForeignKey(
        "portal_core.PrivateFile",
        verbose_name=_("scan of the sheet"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(
        _("description"),
        max_length=150,
        blank=True,
        help_text=_("For example: door knocking, Anchor House, March."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paper sign-up sheet")
        ordering = ["-uploaded_at"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("uploaded_at", time=True),
        ]

    def __str__(self) -> str:
        return self.description or f"Sheet {self.pk}"


class Signature(models.Model):
    """One person's support for a group, tied to the home they signed for."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be checked")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    # Only paper rows wait to be checked; a staff member accepts or rejects each once.
    lifecycle = Lifecycle(
        field="status",
        moves={
            "accept": Move(
                sources={Status.PENDING},
                target=Status.ACCEPTED,
                action="evidence.row_accepted",
            ),
            "reject": Move(
                sources={Status.PENDING},
                target=Status.REJECTED,
                action="evidence.row_rejected",
                reason_required=_("Say why the row is rejected."),
            ),
        },
        illegal_message=_("This row has already been checked."),
    )

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="signatures"
    )
    home = models.ForeignKey(
        "housing.Property",
        verbose_name=_("address"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed online by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    signed_on = models.DateField(_("date signed"))
    has_signature = models.BooleanField(_("signed"), default=True)
    sheet = models.ForeignKey(
        PaperSheet,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rows",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, db_index=True
    )
    decision_reason = models.TextField(_("why rejected"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("signature")
        permissions = [("check_signature", "Can check paper sign-up rows")]
        ordering = ["signed_on", "pk"]
        indexes = [models.Index(fields=["group", "status", "signed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "signer"],
                condition=Q(signer__isnull=False, withdrawn_at__isnull=True),
                name="one_online_signature_each",
            ),
            date_window("signed_on"),
            date_window("decided_at", time=True),
            date_window("withdrawn_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.home}"

    @property
    def display_name(self) -> str:
        return str(self.signer) if self.signer_id else self.name
