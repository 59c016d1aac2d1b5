"""Attendance and "How was it for you?" for the performance report."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    AVERAGE,
    IN_PERSON,
    MEETINGS,
    ONLINE,
    SCORE,
    Bar,
    Figure,
    ParticipationSource,
    day_cell,
    register_measure,
    register_participation_source,
    register_records,
)

from .models import Attendance, Feedback
from .selectors import FEEDBACK_SCORES


def _meeting_filter(period, scope, prefix="meeting__"):
    return Q(
        **{
            f"{prefix}live": True,
            f"{prefix}start__gte": period.start_at,
            f"{prefix}start__lt": period.end_at,
            f"{prefix}locale__language_code": settings.LANGUAGE_CODE,
        }
    ) & scope.q(area=f"{prefix}area", body=f"{prefix}body")


def _attendance(period, scope):
    """Attendance recorded for the meetings that went ahead in the period."""
    return Attendance.objects.filter(
        _meeting_filter(period, scope),
        meeting__status="scheduled",
        meeting__end__lt=timezone.now(),
    )


@register_records("attendance")
def attendance_records(period, scope):
    """One row per meeting with attendance recorded (the figure's "out of")."""
    yield [
        gettext("Meeting"),
        gettext("Body"),
        gettext("Date"),
        gettext("Residents attending"),
    ]
    rows = (
        _attendance(period, scope)
        .values("meeting_id", "meeting__title", "meeting__body__name", "meeting__start")
        .annotate(attended=Count("pk", filter=Q(status=Attendance.Status.ATTENDED)))
        .order_by("meeting__start", "meeting_id")
    )
    for row in rows:
        yield [
            row["meeting__title"],
            row["meeting__body__name"],
            day_cell(row["meeting__start"]),
            row["attended"],
        ]


@register_measure(
    key="attendance",
    section=MEETINGS,
    label=_("Residents at each meeting"),
    definition=_(
        "The average number of residents recorded as attending each meeting that "
        "went ahead in the period and has its attendance recorded."
    ),
    unit=AVERAGE,
    order=50,
    bar_unit="average",
    by_body=True,
)
def attendance(period, scope):
    rows = list(
        _attendance(period, scope)
        .values("meeting__body__name")
        .annotate(
            attended=Count("pk", filter=Q(status=Attendance.Status.ATTENDED)),
            meetings=Count("meeting", distinct=True),
        )
        .order_by("meeting__body__name")
    )
    attended = sum(r["attended"] for r in rows)
    meetings = sum(r["meetings"] for r in rows)

    def average(n, d):
        return (Decimal(n) / d).quantize(Decimal("0.1")) if d else None

    return Figure(
        value=average(attended, meetings),
        count=attended,
        of=meetings,
        bars=[
            Bar(r["meeting__body__name"], average(r["attended"], r["meetings"]))
            for r in rows
        ],
        listing=reverse("meeting_report"),
    )


def _feedback(period, scope):
    return Feedback.objects.filter(_meeting_filter(period, scope))


@register_records("feedback_score")
def feedback_score_records(period, scope):
    """Each person's feedback (without their name) with its four scores."""
    yield [
        gettext("Meeting"),
        gettext("Body"),
        gettext("Date"),
        *(str(Feedback._meta.get_field(name).verbose_name) for name in FEEDBACK_SCORES),
    ]
    rows = _feedback(period, scope).order_by("meeting__start", "pk")
    for row in rows.values_list(
        "meeting__title", "meeting__body__name", "meeting__start", *FEEDBACK_SCORES
    ):
        yield [row[0], row[1], day_cell(row[2]), *row[3:]]


@register_measure(
    key="feedback_score",
    section=MEETINGS,
    label=_("“How was it for you?” score"),
    definition=_(
        "The average of the four feedback questions (1 poor to 5 very good) from "
        "everyone who gave feedback on a meeting in the period. Bars: each "
        "question's average."
    ),
    unit=SCORE,
    order=60,
    by_body=True,
)
def feedback_score(period, scope):
    found = _feedback(period, scope).aggregate(
        n=Count("pk"), **{name: Avg(name) for name in FEEDBACK_SCORES}
    )
    if not found["n"]:
        return Figure(value=None, count=0, listing=reverse("meeting_report"))
    averages = {name: Decimal(str(found[name])) for name in FEEDBACK_SCORES}
    labels = {
        name: Feedback._meta.get_field(name).verbose_name for name in FEEDBACK_SCORES
    }
    return Figure(
        value=(sum(averages.values()) / len(averages)).quantize(Decimal("0.01")),
        count=found["n"],
        bars=[
            Bar(str(labels[name]), averages[name].quantize(Decimal("0.01")))
            for name in FEEDBACK_SCORES
        ],
        listing=reverse("meeting_report"),
    )


register_participation_source(
    ParticipationSource(
        key="attended",
        label=_("Attended a meeting"),
        queryset=lambda: Attendance.objects.filter(status=Attendance.Status.ATTENDED),
        person="person",
        moment="meeting__start",
        estate="person__resident_profile__home__estate",
        fixed_channel=IN_PERSON,
    )
)
register_participation_source(
    ParticipationSource(
        key="feedback",
        label=_("Gave feedback on a meeting"),
        queryset=lambda: Feedback.objects.all(),
        person="person",
        moment="created_at",
        estate="person__resident_profile__home__estate",
        fixed_channel=ONLINE,  # the portal's form; paper cards are not entered
    )
)
