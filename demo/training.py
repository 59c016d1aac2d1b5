"""Demo training: skills, a course ("Chairing a meeting well"), a session a
month ago that the chair and a neighbour attended (the treasurer did not come)
and one next month with a place booked by the secretary; a full session of
"Reading your group's accounts" the day after tomorrow (two places, both
booked and their reminders sent, two people on the waiting list); the chair's
skills audit for this year. Sign-ups, the waiting list, attendance and
reminders go through the services, so they are audited and sent as in real
use. Safe to run again."""

import datetime
from zoneinfo import ZoneInfo

from portal.accounts.models import User
from portal.core.dates import london_today
from portal.core.involvement import financial_year
from portal.training.models import Course, Session, SignUp, Skill, SkillsAudit
from portal.training.services import (
    attendance_record,
    skills_audit_save,
    training_join_waiting_list,
    training_reminders_send,
    training_sign_up,
)

LONDON = ZoneInfo("Europe/London")
SKILLS = [
    "Chairing meetings",
    "Reading accounts",
    "Inspecting estates",
    "Speaking up for residents",
    "Using email and video calls",
]
ATTENDED = ["chair@example.org", "neighbour@example.org"]
ABSENT = ["treasurer@example.org"]
BOOKED = ["secretary@example.org"]
CHAIRING_COURSE = "Chairing a meeting well"
FULL_COURSE = "Reading your group's accounts"
# The full accounts session: booked in this order, then the waiting list.
FULL_BOOKED = ["treasurer@example.org", "secretary@example.org"]
FULL_WAITING = ["neighbour@example.org", "chair@example.org"]


def _at(days_from_today: int, hour: int) -> datetime.datetime:
    day = london_today() + datetime.timedelta(days=days_from_today)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def build_training() -> None:
    skills = [
        Skill.objects.get_or_create(name=name, defaults={"sort_order": n})[0]
        for n, name in enumerate(SKILLS)
    ]
    if not Course.objects.filter(title=FULL_COURSE).exists():
        _a_full_session(skills)
    if Course.objects.filter(title=CHAIRING_COURSE).exists():
        return
    course = Course.objects.create(
        title=CHAIRING_COURSE,
        description="Agendas, keeping to time, making sure everyone is heard, "
        "and taking decisions the group can stand behind.",
        provider="TPAS",
    )
    course.skills.set(skills[:1] + skills[3:4])
    officer = User.objects.get(email="officer@example.org")
    people = {u.email: u for u in User.objects.filter(email__in=ATTENDED + ABSENT)}
    # Booked while it was still to come, then held a month ago.
    past = Session.objects.create(
        course=course,
        starts_at=_at(1, 10),
        ends_at=_at(1, 12),
        place="Anchor Community Centre, main hall",
        capacity=12,
    )
    sign_ups = {
        email: training_sign_up(session=past, person=person)
        for email, person in people.items()
    }
    Session.objects.filter(pk=past.pk).update(
        starts_at=_at(-30, 10), ends_at=_at(-30, 12)
    )
    for email, sign_up in sign_ups.items():
        attendance_record(
            sign_up=SignUp.objects.get(pk=sign_up.pk),
            actor=officer,
            attended=email in ATTENDED,
        )
    upcoming = Session.objects.create(
        course=course,
        starts_at=_at(30, 18),
        ends_at=_at(30, 20),
        place="",
        online_link="https://meet.example.org/chairing",
        capacity=10,
    )
    for person in User.objects.filter(email__in=BOOKED):
        training_sign_up(session=upcoming, person=person)
    skills_audit_save(
        person=User.objects.get(email="chair@example.org"),
        year=financial_year(london_today()),
        skills=skills[:2],
        confidence=SkillsAudit.Confidence.SOME,
        training_wanted=skills[1:2],
        other_training="Writing a newsletter",
    )


def _a_full_session(skills) -> None:
    """A popular session soon: every place taken, a waiting list in order, and
    the booked people reminded (the daily job's work, done now)."""
    course = Course.objects.create(
        title=FULL_COURSE,
        description="Income and spending, bank statements and the annual "
        "return: what a treasurer reports and what members should ask.",
        provider="Riverside Homes finance team",
    )
    course.skills.set(skills[1:2])
    full = Session.objects.create(
        course=course,
        starts_at=_at(2, 18),
        ends_at=_at(2, 20),
        place="Barge House community room",
        capacity=len(FULL_BOOKED),
    )
    for email in FULL_BOOKED:
        training_sign_up(session=full, person=User.objects.get(email=email))
    for email in FULL_WAITING:
        training_join_waiting_list(session=full, person=User.objects.get(email=email))
    training_reminders_send()


def reset_training() -> None:
    SkillsAudit.objects.all().delete()
    SignUp.objects.all().delete()
    Session.objects.all().delete()
    Course.objects.all().delete()
    Skill.objects.all().delete()
