"""The actions register: what the landlord said it would do, where the promise came
from, who owns it, by when, and how far it has got.

One register for the whole landlord. A meeting's minutes and a consultation's
"You said, we did" link to their actions through `MeetingAction` and
`ConsultationAction` (inline panels in the page editor), so the page's
translations show the same actions without copying them.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from portal.core.constraints import date_window
from portal.core.dates import london_today
from portal.core.transitions import Lifecycle, Move


class Action(models.Model):
    """Something the landlord has promised to do, tracked until it is done."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_GOING_AHEAD = "not_going_ahead", _("Not going ahead")

    #: The lifecycle as data (`portal.core.transitions`): each move, the states it
    #: starts from and where it goes. Staff who manage actions make every move;
    #: "not going ahead" needs a reason residents can read.
    lifecycle = Lifecycle(
        field="status",
        moves={
            "agree": Move(
                sources={Status.PROPOSED},
                target=Status.AGREED,
                action="action.status",
                permission="actions.change_action",
            ),
            "start": Move(
                sources={Status.AGREED},
                target=Status.IN_PROGRESS,
                action="action.status",
                permission="actions.change_action",
            ),
            "done": Move(
                sources={Status.AGREED, Status.IN_PROGRESS},
                target=Status.DONE,
                action="action.status",
                permission="actions.change_action",
            ),
            "drop": Move(
                sources={Status.PROPOSED, Status.AGREED, Status.IN_PROGRESS},
                target=Status.NOT_GOING_AHEAD,
                action="action.status",
                permission="actions.change_action",
                reason_required=_(
                    "Say why it is not going ahead, in words residents read."
                ),
            ),
        },
    )
    CLOSED = {Status.DONE, Status.NOT_GOING_AHEAD}

    class Source(models.TextChoices):
        MEETING = "meeting", _("Meeting minutes")
        CONSULTATION = "consultation", _("You said, we did")
        INSPECTION = "inspection", _("Estate inspection")
        SCRUTINY = "scrutiny", _("Scrutiny recommendation")
        COMPLAINT = "complaint", _("Complaint theme raised at a panel")
        REPRESENTATION = "representation", _("A group missing from who takes part")

    title = models.CharField(_("what we will do"), max_length=200)
    description = models.TextField(_("more detail"), blank=True)
    source = models.CharField(
        _("where it came from"),
        max_length=20,
        choices=Source.choices,
        blank=True,
        db_index=True,
    )
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    complaint_theme = models.CharField(
        _("complaint theme"),
        max_length=200,
        blank=True,
        help_text=_("For an action from complaints raised at a panel."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        help_text=_("The member of staff who answers for it; reminders go to them."),
    )
    owner_team = models.CharField(_("team"), max_length=120, blank=True)
    due_on = models.DateField(_("due by"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.AGREED,
        db_index=True,
    )
    status_reason = models.TextField(
        _("reason residents can read"),
        blank=True,
        help_text=_("Required when an action is not going ahead."),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence it was done"), blank=True)
    area = models.ForeignKey(
        "housing.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estate = models.ForeignKey(
        "housing.Estate",
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        "portal_core.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="action_done_has_date",
            ),
            date_window("due_on"),
            date_window("done_on"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.source == self.Source.COMPLAINT and not self.complaint_theme.strip():
            raise ValidationError(
                {
                    "complaint_theme": _(
                        "Name the complaint theme the panel raised, e.g. "
                        "“Repairs not finished first time”."
                    )
                }
            )

    @classmethod
    def move_to(cls, status: str) -> str | None:
        """The name of the move that ends in `status` (one move per target)."""
        for name, move in cls.lifecycle.moves.items():
            if move.target == status:
                return name
        return None

    def next_statuses(self) -> list[str]:
        """The statuses this action may move to now, in lifecycle order."""
        return [
            self.lifecycle[name].target
            for name in self.lifecycle.moves_from(self.status)
        ]

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on < (today or london_today())

    @property
    def done_late(self) -> bool:
        return self.status == self.Status.DONE and self.done_on > self.due_on

    def progress(self, today: datetime.date | None = None) -> str:
        """One word for the summary: on_time, late, overdue, open or dropped."""
        if self.status == self.Status.DONE:
            return "late" if self.done_late else "on_time"
        if self.status == self.Status.NOT_GOING_AHEAD:
            return "dropped"
        return "overdue" if self.is_overdue(today) else "open"

    @property
    def owner_label(self) -> str:
        if self.owner_team:
            return self.owner_team
        return self.owner.get_full_name() if self.owner else ""


class ActionUpdate(models.Model):
    """A dated note of progress residents can read, with an optional photo."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField(_("date"), default=london_today)
    text = models.TextField(_("what has happened"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        ordering = ["-written_on", "-pk"]
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("written_on"),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


class ActionFollow(models.Model):
    """A resident who wants to hear when an action, or any action on an estate,
    moves. (Following a body's meetings is `participation.BodyFollow`.)"""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="action_follows",
    )
    action = models.ForeignKey(
        Action,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="followers",
    )
    estate = models.ForeignKey(
        "housing.Estate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action follower")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=True, estate__isnull=False)
                | Q(action__isnull=False, estate__isnull=True),
                name="action_follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["person", "action"], name="action_follow_once"
            ),
            models.UniqueConstraint(
                fields=["person", "estate"], name="estate_follow_once"
            ),
            date_window("created_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.person} follows {self.action or self.estate}"


class MeetingAction(Orderable):
    """An action agreed at a meeting, listed with its minutes."""

    page = ParentalKey(
        "meetings.MeetingPage", on_delete=models.CASCADE, related_name="action_links"
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("action")]

    class Meta(Orderable.Meta):
        verbose_name = _("action from the minutes")


class ConsultationAction(Orderable):
    """A change promised in a consultation's "You said, we did"."""

    page = ParentalKey(
        "consultations.ConsultationPage",
        on_delete=models.CASCADE,
        related_name="action_links",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("action")]

    class Meta(Orderable.Meta):
        verbose_name = _("promised change")
