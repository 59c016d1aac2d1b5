"""Reads for training: sessions coming up (with places left), a person's
sign-ups and certificates, sessions waiting for attendance, and the skills
audit summary (small numbers withheld)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.accounts.equality import SMALL_NUMBER

from .models import Course, Session, SignUp, Skill, SkillsAudit

BOOKED = SignUp.Status.BOOKED
WAITING = SignUp.Status.WAITING
ATTENDED = SignUp.Status.ATTENDED


def _ahead_of(sign_up) -> Q:
    """People waiting for the same session who joined the list earlier."""
    return Q(waiting_since__lt=sign_up["waiting_since"]) | Q(
        waiting_since=sign_up["waiting_since"], pk__lt=sign_up["pk"]
    )


def with_waiting_position(sign_ups: QuerySet[SignUp]) -> QuerySet[SignUp]:
    """Annotate `ahead`: how many are before each place on its session's
    waiting list (in the same query; the place's number is `ahead + 1`)."""
    ahead = (
        SignUp.objects.filter(session=OuterRef("session"), status=WAITING)
        .filter(
            _ahead_of(
                {"waiting_since": OuterRef("waiting_since"), "pk": OuterRef("pk")}
            )
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return sign_ups.annotate(
        ahead=Coalesce(Subquery(ahead, output_field=IntegerField()), 0)
    )


def waiting_position(sign_up: SignUp) -> int:
    """A place's number on its session's waiting list (1 is next)."""
    return (
        1
        + SignUp.objects.filter(
            _ahead_of({"waiting_since": sign_up.waiting_since, "pk": sign_up.pk}),
            session_id=sign_up.session_id,
            status=WAITING,
        ).count()
    )


def upcoming_sessions() -> QuerySet[Session]:
    """Sessions not yet started of courses still offered, soonest first, each
    with `taken` (places booked)."""
    return (
        Session.objects.filter(starts_at__gt=timezone.now(), course__active=True)
        .select_related("course", "meeting")
        .prefetch_related("course__skills")
        .annotate(taken=Count("sign_ups", filter=Q(sign_ups__status=BOOKED)))
        .order_by("starts_at", "pk")
    )


def sign_ups_of(user) -> QuerySet[SignUp]:
    """A person's places, latest first, each with its waiting-list `ahead`."""
    return (
        with_waiting_position(SignUp.objects.filter(person=user))
        .select_related("session", "session__course")
        .order_by("-session__starts_at", "-pk")
    )


@dataclass(frozen=True)
class Certificate:
    course: Course
    day: datetime.date  # the first session of the course they attended


def certificates_of(user) -> list[Certificate]:
    """One certificate per course the person attended a session of (2 queries)."""
    firsts = dict(
        SignUp.objects.filter(person=user, status=ATTENDED)
        .values("session__course_id")
        .annotate(first=Min("session__starts_at"))
        .values_list("session__course_id", "first")
    )
    courses = Course.objects.in_bulk(list(firsts))
    return sorted(
        (
            Certificate(courses[pk], timezone.localtime(first).date())
            for pk, first in firsts.items()
        ),
        key=lambda c: (c.day, c.course.title),
        reverse=True,
    )


def certificate_for(user, course_id: int) -> Certificate | None:
    """The person's certificate for a course, or None if they did not attend."""
    first = SignUp.objects.filter(
        person=user, status=ATTENDED, session__course_id=course_id
    ).aggregate(first=Min("session__starts_at"))["first"]
    if first is None:
        return None
    return Certificate(
        Course.objects.get(pk=course_id), timezone.localtime(first).date()
    )


def needing_attendance() -> QuerySet[Session]:
    """Sessions that have started with places still only booked: attendance
    has not been recorded for everyone."""
    return (
        Session.objects.filter(starts_at__lte=timezone.now(), sign_ups__status=BOOKED)
        .select_related("course")
        .annotate(waiting=Count("sign_ups", filter=Q(sign_ups__status=BOOKED)))
        .order_by("starts_at", "pk")
    )


def _hidden(count: int) -> bool:
    return 0 < count < SMALL_NUMBER


@dataclass(frozen=True)
class SkillRow:
    skill: Skill
    have: int  # people who said they have the skill or an interest in it
    want: int  # people who want training in it

    @property
    def have_hidden(self) -> bool:
        return _hidden(self.have)

    @property
    def want_hidden(self) -> bool:
        return _hidden(self.want)


@dataclass(frozen=True)
class SkillsSummary:
    year: int
    answers: int
    rows: list[SkillRow]
    confidence: list[tuple[str, int, bool]]  # label, count, hidden

    @property
    def answers_hidden(self) -> bool:
        return _hidden(self.answers)


def skills_summary(year: int) -> SkillsSummary:
    """How many people said they have (or want training in) each skill, and
    how confident they are, for a financial year: three queries whatever the
    number of answers. Counts from 1 to 4 are marked hidden ("fewer than 5")."""
    audits = SkillsAudit.objects.filter(year=year)
    skills = list(
        Skill.objects.annotate(
            have=Count(
                "audits_having",
                filter=Q(audits_having__year=year),
                distinct=True,
            ),
            want=Count(
                "audits_wanting",
                filter=Q(audits_wanting__year=year),
                distinct=True,
            ),
        ).order_by("sort_order", "name")
    )
    by_confidence = dict(
        audits.values("confidence")
        .annotate(n=Count("pk"))
        .values_list("confidence", "n")
    )
    answers = sum(by_confidence.values())
    return SkillsSummary(
        year=year,
        answers=answers,
        rows=[SkillRow(s, s.have, s.want) for s in skills],
        confidence=[
            (label, n, _hidden(n))
            for value, label in SkillsAudit.Confidence.choices
            for n in [by_confidence.get(value, 0)]
        ],
    )


def audit_years() -> list[int]:
    return list(
        SkillsAudit.objects.order_by("-year").values_list("year", flat=True).distinct()
    )
