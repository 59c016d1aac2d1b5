"""The meeting calendar: bodies, venues, meetings and the rules they keep.

Landlords promise notice before meetings and minutes soon after; the rules are site
settings and `notice.py` does the arithmetic, so a meeting page can say whether it
was published with due notice and when its minutes are due.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField

from cms.core.models import BasePage
from portal.core.constraints import date_window
from portal.core.params import validate_date_in_window

from . import notice
from .signals import meeting_page_context


@register_setting(icon="date")
class MeetingRules(BaseGenericSetting):
    """The promises in the landlord's agreements about notice and minutes."""

    class Unit(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    notice_days = models.PositiveSmallIntegerField(_("notice period"), default=10)
    notice_unit = models.CharField(
        _("notice counted in"), max_length=10, choices=Unit.choices, default="working"
    )
    minutes_days = models.PositiveSmallIntegerField(_("minutes deadline"), default=10)
    minutes_unit = models.CharField(
        _("minutes deadline counted in"),
        max_length=10,
        choices=Unit.choices,
        default="working",
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder sent this many days before"), default=2
    )

    panels = [
        FieldRowPanel([FieldPanel("notice_days"), FieldPanel("notice_unit")]),
        FieldRowPanel([FieldPanel("minutes_days"), FieldPanel("minutes_unit")]),
        FieldPanel("reminder_days"),
    ]

    class Meta:
        verbose_name = _("meeting rules")


@register_snippet
class Venue(TranslatableMixin, index.Indexed, models.Model):
    """Where meetings happen, with what residents need to know to get in."""

    name = models.CharField(_("name"), max_length=150)
    address = models.TextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    parking = models.CharField(_("parking"), max_length=200, blank=True)
    public_transport = models.CharField(
        _("public transport"), max_length=300, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("map_url"),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("parking"),
                FieldPanel("public_transport"),
            ],
            heading=_("Access"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("parking"),
        TranslatableField("public_transport"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def access_features(self) -> list[str]:
        features = [
            (self.step_free, _("Step-free access")),
            (self.hearing_loop, _("Hearing loop")),
            (self.accessible_toilet, _("Accessible toilet")),
        ]
        return [str(label) for present, label in features if present]


@register_snippet
class Body(TranslatableMixin, index.Indexed, models.Model):
    """A board, panel, forum or group that meets: the thing residents follow."""

    class Kind(models.TextChoices):
        BOARD = "board", _("Board")
        PANEL = "panel", _("Residents Panel")
        FORUM = "forum", _("Forum")
        SERVICE = "service", _("Service improvement group")
        TRA = "tra", _("Residents' association public meeting")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("what it does"), blank=True)
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("portal group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
        help_text=_("The residents' group in the portal, when there is one."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("group"),
    ]
    search_fields = [index.SearchField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Item"))
    detail = blocks.TextBlock(label=_("Detail"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")


class ActionPointBlock(blocks.StructBlock):
    action = blocks.CharBlock(label=_("Action"))
    who = blocks.CharBlock(label=_("Who"), required=False)
    by_when = blocks.DateBlock(label=_("By when"), required=False)

    class Meta:
        icon = "tick"
        label = _("Action point")


class MeetingIndexPage(BasePage):
    """`/meetings/`: the calendar. Listing, month view and filters live in views.py
    so they can be tested and counted like any other view."""

    subpage_types = ["meetings.MeetingPage"]
    max_count = 1

    class Meta:
        verbose_name = _("meeting calendar")

    def serve(self, request, *args, **kwargs):
        from .views import calendar_page

        return calendar_page(request, self)


class MeetingPage(BasePage):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        AGM = "agm", _("Annual general meeting")
        INSPECTION = "inspection", _("Estate inspection")
        FOCUS = "focus", _("Focus group")
        TRAINING = "training", _("Training")
        CONFERENCE = "conference", _("Conference")
        FUN_DAY = "fun_day", _("Fun day")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Going ahead")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        MOVED = "moved", _("Moved to a new date")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.MEETING
    )
    start = models.DateTimeField(
        _("starts"), db_index=True, validators=[validate_date_in_window]
    )
    end = models.DateTimeField(_("ends"), validators=[validate_date_in_window])
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    online_link = models.URLField(_("online link"), blank=True)
    area = models.ForeignKey(
        "housing.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    agenda = StreamField([("item", AgendaItemBlock())], blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    status_reason = models.TextField(_("why it changed"), blank=True)
    apology = models.TextField(
        _("apology to residents"),
        blank=True,
        help_text=_("Shown on the page and sent to everyone who said they would come."),
    )
    moved_to = models.ForeignKey(
        "self",
        verbose_name=_("new date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_notice_reason = models.TextField(
        _("why it is published at short notice"), blank=True
    )
    minutes = RichTextField(_("minutes"), blank=True)
    action_points = StreamField([("action", ActionPointBlock())], blank=True)
    minutes_late_reason = models.TextField(
        _("why the minutes are late"),
        blank=True,
        db_default="",
        help_text=_(
            "The date the minutes were published is recorded by the system when "
            "you publish them. If they are late, you can say why here."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("body"),
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("venue"),
                FieldPanel("online_link"),
                FieldPanel("area"),
                FieldPanel("capacity"),
                FieldPanel("short_notice_reason"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("agenda"),
        InlinePanel("papers", label=_("Papers")),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("status_reason"),
                FieldPanel("apology"),
                FieldPanel("moved_to"),
            ],
            heading=_("Changes"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                FieldPanel("action_points"),
                FieldPanel("minutes_late_reason"),
            ],
            heading=_("Minutes"),
        ),
        # The actions register (portal.actions): agreed actions, tracked to done.
        InlinePanel("action_links", label=_("Actions agreed")),
    ]
    search_fields = [*BasePage.search_fields, index.FilterField("start")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("agenda"),
        TranslatableField("status_reason"),
        TranslatableField("apology"),
        TranslatableField("short_notice_reason"),
        TranslatableField("minutes"),
        TranslatableField("action_points"),
        TranslatableField("minutes_late_reason"),
    ]
    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        indexes = [models.Index(fields=["status", "start"])]
        # No path can store a meeting outside the dates people can type.
        constraints = [
            date_window("start", time=True),
            date_window("end", time=True),
        ]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.status in {self.Status.CANCELLED, self.Status.POSTPONED} and not (
            self.status_reason and self.apology
        ):
            raise ValidationError(
                {
                    "apology": _(
                        "Say why it changed and apologise to residents: both are "
                        "shown on the page and sent to everyone who said they would "
                        "come."
                    )
                }
            )
        if (
            self.start
            and self.start > timezone.now()
            and not self.short_notice_reason
            and self.is_short_notice()
        ):
            rules = MeetingRules.load()
            raise ValidationError(
                {
                    "short_notice_reason": _(
                        "This meeting is less than %(period)s away, so it is short "
                        "notice. Say why it has to be published now."
                    )
                    % {"period": notice.period_label(rules)}
                }
            )

    @property
    def notice_given_on(self) -> datetime.date | None:
        publication = getattr(self, "publication", None)
        return publication.notice_given_on if publication else None

    @property
    def minutes_published_on(self) -> datetime.date | None:
        """The London date the minutes first went live, stamped by the system on
        publication (`services.meeting_published`); editors cannot change it."""
        publication = getattr(self, "publication", None)
        if publication is None or publication.minutes_published_at is None:
            return None
        return notice.local_date(publication.minutes_published_at)

    def is_short_notice(self, on: datetime.date | None = None) -> bool:
        given = self.notice_given_on or on or notice.today()
        return not notice.gave_due_notice(
            given_on=given, start=self.start, rules=MeetingRules.load()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rules = MeetingRules.load()
        context["rules"] = rules
        context["minutes_state"] = notice.minutes_state(self, rules)
        context["minutes_due_on"] = self.minutes_due_on(rules)
        # What apps built on meetings add (a resident's reply: participation).
        for _receiver, extra in meeting_page_context.send(
            sender=type(self), request=request, meeting=self
        ):
            context.update(extra or {})
        return context

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def has_happened(self) -> bool:
        return self.end <= timezone.now()

    def minutes_due_on(self, rules: MeetingRules) -> datetime.date:
        return notice.minutes_due_on(end=self.end, rules=rules)


class MeetingPaper(Orderable):
    """A paper for the meeting. When a paper first went live is stamped by the
    system (`PaperPublication`), and whether it was late follows from the notice
    rules; one published after the notice deadline needs the chair's approval
    recorded, as the agreements require, and the editor may say why it is late."""

    meeting = ParentalKey(MeetingPage, related_name="papers", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    late_approved_by = models.CharField(
        _("chair who approved the late paper"),
        max_length=150,
        blank=True,
        help_text=_("Needed when the paper is published after the notice deadline."),
    )
    late_reason = models.TextField(
        _("why the paper is late"), blank=True, db_default=""
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("document"),
        FieldPanel("late_approved_by"),
        FieldPanel("late_reason"),
    ]

    def _stamp(self):
        if not (self.meeting_id and self.document_id):
            return None
        stamps = getattr(self.meeting, "_paper_stamps", None)
        if stamps is None:
            stamps = {
                stamp.document_id: stamp
                for stamp in PaperPublication.objects.filter(meeting_id=self.meeting_id)
            }
            self.meeting._paper_stamps = stamps
        return stamps.get(self.document_id)

    @property
    def first_published_at(self) -> datetime.datetime | None:
        stamp = self._stamp()
        return stamp.first_published_at if stamp else None

    @property
    def late(self) -> bool:
        """Late when it first went live after the last day for due notice."""
        stamp = self._stamp()
        return bool(stamp and stamp.late)

    def would_be_late(self, *, on: datetime.date | None = None) -> bool:
        """Would publishing this paper now (or on `on`) make it late? A paper
        already published keeps the lateness it had then."""
        meeting = getattr(self, "meeting", None) if self.meeting_id else None
        if meeting is None or meeting.start is None:
            return False
        if self._stamp() is not None:
            return self.late
        return (on or notice.today()) > notice.latest_notice_date(
            start=meeting.start, rules=MeetingRules.load()
        )

    def clean(self):
        if not self.late_approved_by and self.would_be_late():
            raise ValidationError(
                {"late_approved_by": _("A late paper needs the chair's approval.")}
            )


class MeetingPublication(models.Model):
    """What residents were told and when: the date notice was first given and the
    iCalendar sequence. Kept beside the page, not on it, because publishing an
    older revision would otherwise wind these back."""

    meeting = models.OneToOneField(
        MeetingPage, on_delete=models.CASCADE, related_name="publication"
    )
    notice_given_on = models.DateField(_("notice given on"))
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)
    announced_start = models.DateTimeField(
        _("start residents were last told"),
        null=True,
        blank=True,
        help_text=_(
            "The start time in the last message about this meeting: how close a "
            "change is to the time people planned for."
        ),
    )
    minutes_sent_at = models.DateTimeField(
        _("minutes sent out"),
        null=True,
        blank=True,
        help_text=_(
            "When the published minutes went to those who came or sent "
            "apologies, and to the body's followers."
        ),
    )

    minutes_published_at = models.DateTimeField(
        _("minutes first published"),
        null=True,
        blank=True,
        help_text=_("Stamped when the page first went live with minutes."),
    )

    class Meta:
        verbose_name = _("meeting publication")
        # Every date stays within 1900–2100 whatever path writes it.
        constraints = [
            date_window("notice_given_on"),
            date_window("announced_start", time=True),
            date_window("minutes_sent_at", time=True),
            date_window("minutes_published_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} (notice {self.notice_given_on})"


class PaperPublication(models.Model):
    """When each paper (known by its document) first went live on a meeting page,
    and whether that was after the last day for due notice. Stamped by
    `services.meeting_published`, never by an editor; kept beside the page so
    publishing an older revision cannot wind it back."""

    meeting = models.ForeignKey(
        MeetingPage, on_delete=models.CASCADE, related_name="paper_publications"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    first_published_at = models.DateTimeField(_("first published"))
    late = models.BooleanField(
        _("late"),
        default=False,
        help_text=_("Published after the last day for due notice of the meeting."),
    )

    class Meta:
        verbose_name = _("paper publication")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "document"], name="one_stamp_per_paper"
            ),
            date_window("first_published_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} / {self.document_id} ({self.first_published_at})"


class MinutesChase(models.Model):
    """A reminder that a meeting's minutes are late, sent to the people
    responsible for the meeting page: one per meeting and lateness threshold
    (`services.late_minutes_chase`), so the daily job never sends it twice."""

    meeting = models.ForeignKey(
        MeetingPage, on_delete=models.CASCADE, related_name="minutes_chases"
    )
    days_late = models.PositiveSmallIntegerField(_("days late"))
    due_on = models.DateField(_("minutes were due on"))
    recipients = models.PositiveSmallIntegerField(_("people reminded"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("late minutes reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "days_late"], name="minutes_chase_once"
            ),
            date_window("due_on"),
            date_window("sent_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.days_late})"
