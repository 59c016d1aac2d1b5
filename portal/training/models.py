"""Training for residents: courses (what is taught, by whom, which skills),
sessions (when and where, how many places, optionally at a meeting), sign-ups
with attendance, and the yearly skills audit.

A certificate is not stored: it is drawn from the attended sign-ups when the
person (or staff) asks for it, so it always says what the records say.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.core.templatetags.involve_format import date_and_time
from portal.core.constraints import date_window
from portal.core.transitions import Lifecycle, Move

RECORD_PERM = "training.record_attendance"


class Skill(models.Model):
    """A skill a course covers, and a choice on the skills audit."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("skill")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Course(models.Model):
    """Something residents can learn (chairing meetings, reading accounts…)."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills it covers"), blank=True, related_name="courses"
    )
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("training course")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One time a course runs: when, where (or online), how many places."""

    course = models.ForeignKey(
        Course,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where it happens. Leave empty for an online session."),
    )
    online_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("Shown only to people who signed up."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name=_("meeting where it happens"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the meeting page, when the session is part of one."),
    )

    class Meta:
        verbose_name = _("training session")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_it_starts",
                violation_error_message=_("The session must end after it starts."),
            ),
            date_window("starts_at", time=True),
            date_window("ends_at", time=True),
        ]
        permissions = [
            ("record_attendance", "Can record who attended a training session"),
            ("report_skillsaudit", "Can see the skills audit summary"),
        ]

    def __str__(self) -> str:
        return f"{self.course} – {date_and_time(self.starts_at)}"

    @property
    def where(self) -> str:
        return self.place or str(_("Online"))


class SignUp(models.Model):
    """A person's place on a session (or their turn on its waiting list), then
    whether they came."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Did not attend")

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="sign_ups",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_sign_ups",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    # Changes with every move, so each booking or cancellation message is new.
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Places on the waiting list go in the order people joined it.
    waiting_since = models.DateTimeField(
        _("on the waiting list since"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)

    lifecycle = Lifecycle(
        field="status",
        moves={
            "cancel": Move(
                sources={Status.BOOKED},
                target=Status.CANCELLED,
                action="training.sign_up_cancelled",
            ),
            "rebook": Move(
                sources={Status.CANCELLED},
                target=Status.BOOKED,
                action="training.signed_up",
            ),
            "wait": Move(
                sources={Status.CANCELLED},
                target=Status.WAITING,
                action="training.waiting",
            ),
            "leave_waiting_list": Move(
                sources={Status.WAITING},
                target=Status.CANCELLED,
                action="training.left_waiting_list",
            ),
            # A place came free: the first on the waiting list gets it.
            "offer_place": Move(
                sources={Status.WAITING},
                target=Status.BOOKED,
                action="training.place_offered",
            ),
            "attended": Move(
                sources={Status.BOOKED, Status.ABSENT},
                target=Status.ATTENDED,
                action="training.attended",
                permission=RECORD_PERM,
            ),
            "absent": Move(
                sources={Status.BOOKED, Status.ATTENDED},
                target=Status.ABSENT,
                action="training.absent",
                permission=RECORD_PERM,
            ),
        },
        illegal_message=_("This place is already %(state)s."),
    )

    class Meta:
        verbose_name = _("training sign-up")
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="training_sign_up_once"
            ),
            date_window("created_at", time=True),
            date_window("updated_at", time=True),
            date_window("waiting_since", time=True),
            date_window("recorded_at", time=True),
        ]
        indexes = [models.Index(fields=["status", "session"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"

    @property
    def position(self) -> int | None:
        """Its number on the waiting list, where `with_waiting_position` counted."""
        ahead = getattr(self, "ahead", None)
        if ahead is None or self.status != self.Status.WAITING:
            return None
        return ahead + 1


class Reminder(models.Model):
    """A reminder that has gone out about a booked place: one per place and
    start time, so the daily job never sends it twice (a session moved to a new
    time is reminded again)."""

    sign_up = models.ForeignKey(
        SignUp,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    starts_at = models.DateTimeField(_("session start it was about"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("training reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["sign_up", "starts_at"], name="training_reminder_once"
            ),
            date_window("starts_at", time=True),
            date_window("sent_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.sign_up_id} {self.starts_at}"


class SkillsAudit(models.Model):
    """A resident's answers to the yearly skills audit (one per financial year,
    which they may update)."""

    class Confidence(models.TextChoices):
        LOW = "low", _("Not confident yet")
        SOME = "some", _("Quite confident")
        HIGH = "high", _("Very confident")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="skills_audits",
    )
    year = models.PositiveSmallIntegerField(_("financial year (starting April)"))
    skills = models.ManyToManyField(
        Skill,
        verbose_name=_("skills and interests"),
        blank=True,
        related_name="audits_having",
    )
    confidence = models.CharField(
        _("confidence taking part"), max_length=10, choices=Confidence.choices
    )
    training_wanted = models.ManyToManyField(
        Skill,
        verbose_name=_("training wanted"),
        blank=True,
        related_name="audits_wanting",
    )
    other_training = models.CharField(
        _("other training you would like"), max_length=200, blank=True
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("skills audit answer")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], name="skills_audit_once_a_year"
            ),
            date_window("updated_at", time=True),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}"
