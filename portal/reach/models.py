"""Reach: whether the people who take part reflect the people the landlord houses.

`ProfileImport`/`ProfileCount` hold the landlord's resident profile (aggregate
counts per area and estate, imported from its housing system); a
`ParticipationSnapshot` fixes who someone was when they took part, so later
changes to their answers never rewrite history; a `RepresentationFlag` is a gap
staff acted on (an action plan in the actions register, invitations sent).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.constraints import date_window, not_before, within


class ProfileImport(models.Model):
    """One upload of the resident profile; the newest one is the profile in use."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"))
    estates = models.PositiveIntegerField(_("estates"))

    class Meta:
        verbose_name = _("resident profile import")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("import_profile", "Can import the resident profile")]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.filename or 'import'} ({self.created_at:%Y-%m-%d %H:%M})"


class ProfileCount(models.Model):
    """How many residents of one estate fall in one category of one dimension."""

    profile_import = models.ForeignKey(
        ProfileImport, on_delete=models.CASCADE, related_name="counts"
    )
    area = models.ForeignKey("housing.Area", on_delete=models.CASCADE, related_name="+")
    estate = models.ForeignKey(
        "housing.Estate", on_delete=models.CASCADE, related_name="+"
    )
    dimension = models.CharField(_("dimension"), max_length=20)
    category = models.CharField(_("category"), max_length=40)
    count = models.PositiveIntegerField(_("residents"))

    class Meta:
        verbose_name = _("resident profile count")
        constraints = [
            models.UniqueConstraint(
                fields=["profile_import", "estate", "dimension", "category"],
                name="one_profile_count_per_category",
            )
        ]
        indexes = [models.Index(fields=["profile_import", "dimension"])]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.dimension}={self.category}: {self.count}"


class ParticipationSnapshot(models.Model):
    """Who a person was on the day they took part: their categories then, and
    whether they had agreed to equality answers being used. Written once."""

    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Meeting attendance")
        RESPONSE = "response", _("Consultation response")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_snapshots",
    )
    kind = models.CharField(_("activity"), max_length=12, choices=Kind.choices)
    took_part_on = models.DateField(_("took part on"), db_index=True)
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.ForeignKey(
        "meetings.Body",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    estate = models.ForeignKey(
        "housing.Estate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consented = models.BooleanField(_("agreed to equality answers being used"))
    age_band = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=40, blank=True)
    disability = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    tenure = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation snapshot")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(meeting__isnull=False),
                name="one_snapshot_per_meeting_person",
            ),
            models.UniqueConstraint(
                fields=["consultation", "person"],
                condition=models.Q(consultation__isnull=False),
                name="one_snapshot_per_consultation_person",
            ),
            date_window("took_part_on"),
            date_window("created_at", time=True),
        ]
        indexes = [
            models.Index(fields=["took_part_on", "kind"]),
            models.Index(fields=["body", "took_part_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.took_part_on}"


class RepresentationFlag(models.Model):
    """A group found under-represented in an activity, that staff acted on."""

    dimension = models.CharField(_("dimension"), max_length=20)
    category = models.CharField(_("category"), max_length=40)
    activity = models.CharField(_("activity"), max_length=30)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    ratio = models.DecimalField(
        _("representation ratio"), max_digits=6, decimal_places=2, null=True
    )
    action = models.ForeignKey(
        "actions.Action",
        verbose_name=_("action plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited = models.PositiveIntegerField(_("residents invited"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("representation gap")
        ordering = ["-created_at"]
        default_permissions = ("view", "add", "change")
        permissions = [
            ("report_representation", "Can see who takes part"),
        ]
        constraints = [
            not_before(
                "period_end",
                "period_start",
                name="representation_period_in_order",
                message=_("The period must end on or after it starts."),
            ),
            within(
                "ratio",
                0,
                name="representation_ratio_not_negative",
                message=_("The ratio cannot be negative."),
            ),
            date_window("period_start"),
            date_window("period_end"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.category} ({self.activity})"
