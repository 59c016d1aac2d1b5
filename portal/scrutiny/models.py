"""Scrutiny reviews: a residents' panel looks closely at one service, meets, and
makes recommendations; the landlord answers each within a set time, and what it
accepts becomes an action in the register (`portal.actions`)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from portal.core.constraints import date_window
from portal.core.dates import london_today
from portal.core.fields import DayMonthYearAdminForm
from portal.core.transitions import Lifecycle, Move


class ScrutinyReview(ClusterableModel):
    """One review, from the topic the panel chose to the last action done."""

    title = models.CharField(_("topic"), max_length=200)
    body = models.ForeignKey(
        "meetings.Body",
        verbose_name=_("panel"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    scope = models.TextField(_("scope: what the review looks at"))
    evidence = models.TextField(_("evidence the panel used"), blank=True)
    started_on = models.DateField(_("started on"))
    response_days = models.PositiveSmallIntegerField(
        _("days the landlord has to respond"), default=28
    )
    staff_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member responsible for the response"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
        help_text=_(
            "Reminded before the landlord's response is due and when it is late. "
            "Leave empty to remind the Involvement officers."
        ),
    )
    meetings = ParentalManyToManyField(
        "meetings.MeetingPage", verbose_name=_("meetings"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = DayMonthYearAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("scope"),
        FieldPanel("evidence"),
        FieldPanel("started_on"),
        FieldPanel("response_days"),
        FieldPanel("staff_lead"),
        FieldPanel("meetings"),
        InlinePanel("recommendations", label=_("Recommendations")),
    ]

    class Meta:
        verbose_name = _("scrutiny review")
        ordering = ["-started_on"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("started_on"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return self.title


REASONS_NEEDED = _("Give the reasons residents will read for not accepting all of it.")


class Recommendation(Orderable):
    """What the panel recommends, and the landlord's answer."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Accepted in part")
        REJECTED = "rejected", _("Not accepted")

    # No response yet: the state the reminders and the queue read.
    WAITING = ""

    # Answered once, through portal.core.transitions.transition(): a second
    # member of staff answering from a copy read earlier is refused.
    lifecycle = Lifecycle(
        field="response",
        moves={
            "accept": Move(
                sources={WAITING},
                target=Response.ACCEPTED,
                action="scrutiny.respond",
                permission="actions.change_action",
            ),
            "accept_in_part": Move(
                sources={WAITING},
                target=Response.PARTLY,
                action="scrutiny.respond",
                permission="actions.change_action",
                reason_required=REASONS_NEEDED,
            ),
            "reject": Move(
                sources={WAITING},
                target=Response.REJECTED,
                action="scrutiny.respond",
                permission="actions.change_action",
                reason_required=REASONS_NEEDED,
            ),
        },
        illegal_message=_("This recommendation has already been answered (%(state)s)."),
    )

    review = ParentalKey(
        ScrutinyReview, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    made_on = models.DateField(_("sent to the landlord on"))
    response = models.CharField(
        _("response"), max_length=10, choices=Response.choices, blank=True
    )
    response_reason = models.TextField(_("reasons"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.OneToOneField(
        "actions.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation",
    )

    # Responses are given on their own screen (audited), never in this form.
    panels = [FieldPanel("text"), FieldPanel("made_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("recommendation")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("made_on"),
            date_window("responded_on"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def response_due_on(self) -> datetime.date:
        return self.made_on + datetime.timedelta(days=self.review.response_days)

    @property
    def response_late(self) -> bool:
        answered = self.responded_on or london_today()
        return answered > self.response_due_on


class ResponseReminder(models.Model):
    """A reminder about a review's response that has gone out: one per review,
    stage and due date, so the daily job never sends it twice."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before the response is due")
        OVERDUE = "overdue", _("Response overdue")

    review = models.ForeignKey(
        ScrutinyReview, on_delete=models.CASCADE, related_name="response_reminders"
    )
    stage = models.CharField(max_length=10, choices=Stage.choices)
    due_on = models.DateField(_("response due on"))
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "stage", "due_on"], name="one_reminder_per_stage"
            ),
            date_window("due_on"),
            date_window("sent_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.review} {self.stage} {self.due_on}"
