"""Training: staff keep courses and sessions; residents whose home we checked
book and cancel places (never more than there are, even two at once); staff
record attendance (never their own); a certificate PDF per person and course
for the person who attended (and staff), nobody else; attended sessions join
"My involvement" with their hours, the data download and account closure; the
yearly skills audit and its summary with small numbers withheld."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.accounts.models import User
from portal.accounts.services import account_close
from portal.core.dates import london_today
from portal.core.involvement import financial_year, involvement_for
from portal.core.models import AuditEntry
from portal.training.models import (
    Course,
    Reminder,
    Session,
    SignUp,
    Skill,
    SkillsAudit,
)
from portal.training.selectors import skills_summary
from portal.training.services import (
    attendance_record,
    skills_audit_save,
    training_cancel,
    training_sign_up,
)
from tests.concurrency import race_with_messages
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

INDEX = "/portal/training/"
AUDIT = "/portal/training/skills-audit/"
SUMMARY = "/admin/training/skills-audit/"


def person(email):
    return User.objects.get(email=email)


def course():
    return Course.objects.get(title="Chairing a meeting well")


def past_session():
    return Session.objects.filter(course=course(), starts_at__lt=timezone.now()).get()


def upcoming_session():
    return Session.objects.filter(course=course(), starts_at__gt=timezone.now()).get()


def new_session(*, days=7, capacity=10, **changes):
    start = timezone.now() + datetime.timedelta(days=days)
    return Session.objects.create(
        course=course(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Barge House community room",
        capacity=capacity,
        **changes,
    )


# ---------------------------------------------------------------- booking


def test_a_resident_sees_what_is_coming_up_and_books_a_place(client):
    session = upcoming_session()
    sign_in(client, "neighbour@example.org")
    page = client.get(INDEX).content.decode()
    assert "Chairing a meeting well" in page
    assert "9 places left" in page  # the secretary has one of 10
    response = client.post(f"{INDEX}sessions/{session.pk}/sign-up/", follow=True)
    assert "You have a place on" in response.content.decode()
    sign_up = SignUp.objects.get(session=session, person__email="neighbour@example.org")
    assert sign_up.status == SignUp.Status.BOOKED
    assert AuditEntry.objects.filter(
        action="training.signed_up", object_id=str(sign_up.pk)
    ).exists()
    page = client.get(INDEX).content.decode()
    assert "You have a place." in page
    assert "8 places left" in page


def test_a_resident_whose_home_is_not_checked_cannot_book(client):
    session = upcoming_session()
    sign_in(client, "resident@example.org")  # home not yet checked
    page = client.get(INDEX).content.decode()
    assert "Training is for residents whose home we have checked." in page
    assert f"sessions/{session.pk}/sign-up/" not in page
    response = client.post(f"{INDEX}sessions/{session.pk}/sign-up/", follow=True)
    assert "whose home we have checked" in response.content.decode()
    assert not SignUp.objects.filter(person__email="resident@example.org").exists()


def test_a_full_or_started_session_and_a_second_booking_are_refused():
    full = new_session(capacity=1)
    training_sign_up(session=full, person=person("chair@example.org"))
    with pytest.raises(ValidationError, match="this session is full"):
        training_sign_up(session=full, person=person("neighbour@example.org"))
    with pytest.raises(ValidationError, match="already have a place"):
        training_sign_up(session=full, person=person("chair@example.org"))
    with pytest.raises(ValidationError, match="already started"):
        training_sign_up(session=past_session(), person=person("secretary@example.org"))


def test_cancelling_frees_the_place_and_booking_again_takes_it():
    session = new_session(capacity=1)
    chair = person("chair@example.org")
    place = training_sign_up(session=session, person=chair)
    training_cancel(sign_up=place, actor=chair)
    assert SignUp.objects.get(pk=place.pk).status == SignUp.Status.CANCELLED
    other = training_sign_up(session=session, person=person("neighbour@example.org"))
    assert other.status == SignUp.Status.BOOKED
    with pytest.raises(ValidationError, match="full"):
        training_sign_up(session=session, person=chair)


def test_nobody_cancels_someone_elses_place_or_after_the_start(client):
    place = SignUp.objects.get(
        session=upcoming_session(), person__email="secretary@example.org"
    )
    sign_in(client, "chair@example.org")
    assert client.post(f"{INDEX}places/{place.pk}/cancel/").status_code == 404
    assert SignUp.objects.get(pk=place.pk).status == SignUp.Status.BOOKED
    with pytest.raises(PermissionDenied):
        training_cancel(sign_up=place, actor=person("chair@example.org"))
    started = SignUp.objects.get(
        session=past_session(), person__email="chair@example.org"
    )
    with pytest.raises(ValidationError):
        training_cancel(sign_up=started, actor=person("chair@example.org"))


def test_the_resident_cancels_from_the_page(client):
    place = SignUp.objects.get(
        session=upcoming_session(), person__email="secretary@example.org"
    )
    sign_in(client, "secretary@example.org")
    assert f"places/{place.pk}/cancel/" in client.get(INDEX).content.decode()
    response = client.post(f"{INDEX}places/{place.pk}/cancel/", follow=True)
    assert "Your place is cancelled." in response.content.decode()
    assert SignUp.objects.get(pk=place.pk).status == SignUp.Status.CANCELLED


@pytest.mark.postgres
def test_two_people_taking_the_last_place_at_once_get_one_place(demo_data):
    session = new_session(capacity=1)
    outcomes = race_with_messages(
        lambda: training_sign_up(session=session, person=person("chair@example.org")),
        lambda: training_sign_up(
            session=session, person=person("neighbour@example.org")
        ),
    )
    assert sorted(outcome for outcome, _ in outcomes) == ["done", "refused"]
    refused = next(message for outcome, message in outcomes if outcome == "refused")
    assert "full" in refused
    assert SignUp.objects.filter(session=session, status="booked").count() == 1


# ---------------------------------------------------------------- attendance


def test_staff_record_attendance_on_the_session_screen(client):
    session = new_session(days=-1)
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    chair, neighbour = person("chair@example.org"), person("neighbour@example.org")
    a = SignUp.objects.create(session=session, person=chair)
    b = SignUp.objects.create(session=session, person=neighbour)
    sign_in(client, "officer@example.org")
    home = client.get("/admin/").content.decode()
    assert "Sessions needing attendance recorded" in home
    waiting = client.get("/admin/training/attendance/").content.decode()
    assert f"/admin/training/attendance/{session.pk}/" in waiting
    url = f"/admin/training/attendance/{session.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {f"sign_up_{a.pk}": "attended", f"sign_up_{b.pk}": "absent"}
    )
    assert response.status_code == 302
    assert SignUp.objects.get(pk=a.pk).status == SignUp.Status.ATTENDED
    assert SignUp.objects.get(pk=b.pk).status == SignUp.Status.ABSENT
    assert SignUp.objects.get(pk=a.pk).recorded_by == person("officer@example.org")
    assert AuditEntry.objects.filter(action="training.attended").exists()
    # A correction is allowed; nonsense is refused without a 500.
    response = client.post(url, {f"sign_up_{b.pk}": "attended", f"sign_up_{a.pk}": "x"})
    assert response.status_code == 200
    assert SignUp.objects.get(pk=b.pk).status == SignUp.Status.ABSENT


def test_attendance_waits_for_the_start_and_is_for_staff_only(client):
    place = SignUp.objects.get(
        session=upcoming_session(), person__email="secretary@example.org"
    )
    with pytest.raises(ValidationError, match="once the session has started"):
        attendance_record(
            sign_up=place, actor=person("officer@example.org"), attended=True
        )
    with pytest.raises(PermissionDenied):
        attendance_record(
            sign_up=place, actor=person("chair@example.org"), attended=True
        )
    sign_in(client, "chair@example.org")
    response = client.get(f"/admin/training/attendance/{place.session_id}/")
    assert response.status_code in (302, 403)


def test_nobody_records_their_own_attendance():
    officer = person("officer@example.org")
    session = past_session()
    own = SignUp.objects.create(session=session, person=officer)
    with pytest.raises(PermissionDenied, match="their own attendance"):
        attendance_record(sign_up=own, actor=officer, attended=True)


# ---------------------------------------------------------------- certificates


@pytest.fixture
def plain_font(settings):
    # The PDF core font keeps the text readable in the file for the checks.
    settings.INVOLVE_CERTIFICATE_FONT = ""


def test_the_person_who_attended_downloads_their_certificate(client, plain_font):
    sign_in(client, "chair@example.org")
    page = client.get(INDEX).content.decode()
    url = f"{INDEX}certificates/{course().pk}/"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    day = timezone.localtime(past_session().starts_at).date()
    assert b"Chidi Chair" in pdf
    assert b"Chairing a meeting well" in pdf
    assert f"{day.day} {day:%B} {day.year}".encode() in pdf
    assert b"Certificate of training" in pdf


def test_the_certificate_speaks_the_pages_language(client, plain_font):
    sign_in(client, "chair@example.org")
    response = client.get(f"/pl{INDEX}certificates/{course().pk}/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "email", ["treasurer@example.org", "secretary@example.org", "resident@example.org"]
)
def test_nobody_else_gets_a_certificate(client, email):
    """The treasurer did not attend, the secretary has only booked, the resident
    never took part: none of them gets one, and there is no way to ask for the
    chair's."""
    sign_in(client, email)
    assert client.get(f"{INDEX}certificates/{course().pk}/").status_code == 404
    chair = person("chair@example.org")
    response = client.get(f"/admin/training/certificates/{course().pk}/{chair.pk}/")
    assert response.status_code in (302, 403)


def test_staff_download_a_persons_certificate(client, plain_font):
    chair = person("chair@example.org")
    treasurer = person("treasurer@example.org")
    sign_in(client, "officer@example.org")
    response = client.get(f"/admin/training/certificates/{course().pk}/{chair.pk}/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert b"Chidi Chair" in response.content
    absent = client.get(f"/admin/training/certificates/{course().pk}/{treasurer.pk}/")
    assert absent.status_code == 404


# ---------------------------------------------------------------- my involvement


def test_attended_training_is_on_my_involvement_record_with_its_hours(client):
    chair = person("chair@example.org")
    items = [i for i in involvement_for(chair) if str(i.kind) == "Training"]
    assert len(items) == 1
    assert items[0].title == "Chairing a meeting well"
    assert str(items[0].hours) == "2.00"
    treasurer = person("treasurer@example.org")
    assert not [i for i in involvement_for(treasurer) if str(i.kind) == "Training"]
    sign_in(client, "chair@example.org")
    assert (
        "Chairing a meeting well" in client.get("/portal/involvement/").content.decode()
    )
    response = client.get("/portal/involvement/download/")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "Chairing a meeting well" in body.decode()


def test_the_data_download_includes_training(client):
    sign_in(client, "chair@example.org")
    data = json.loads(client.get("/portal/my-data/?download=1").content)
    assert "training.signup:person" in data["records"]
    assert "training.skillsaudit:person" in data["records"]
    kinds = {row["what"] for row in data["your_involvement"]}
    assert "Training" in kinds


def test_closing_an_account_deletes_sign_ups_and_skills_answers():
    chair = person("chair@example.org")
    officer = person("officer@example.org")
    assert SignUp.objects.filter(person=chair).exists()
    account_close(user=chair)
    assert not SignUp.objects.filter(person_id=chair.pk).exists()
    assert not SkillsAudit.objects.filter(person_id=chair.pk).exists()
    # What the officer recorded about other people stays.
    assert SignUp.objects.filter(recorded_by=officer).exists()


def test_the_portal_menu_and_dashboard_lead_to_training(client):
    sign_in(client, "secretary@example.org")
    page = client.get("/portal/").content.decode()
    assert 'href="/portal/training/"' in page
    assert "Chairing a meeting well" in page  # the place booked, on the card


# ---------------------------------------------------------------- skills audit


def test_a_resident_answers_the_skills_audit_and_updates_it(client):
    skills = list(Skill.objects.all())
    sign_in(client, "neighbour@example.org")
    assert client.get(AUDIT).status_code == 200
    data = {
        "skills": [skills[0].pk, skills[2].pk],
        "confidence": "low",
        "training_wanted": [skills[1].pk],
        "other_training": "First aid",
    }
    assert client.post(AUDIT, data).status_code == 302
    data["confidence"] = "high"
    assert client.post(AUDIT, data).status_code == 302
    year = financial_year(london_today())
    answer = SkillsAudit.objects.get(person__email="neighbour@example.org", year=year)
    assert answer.confidence == "high"
    assert set(answer.skills.all()) == {skills[0], skills[2]}
    assert "You answered on" in client.get(AUDIT).content.decode()


def test_a_bad_skills_audit_keeps_the_answers_and_says_what_is_wrong(client):
    skills = list(Skill.objects.all())
    sign_in(client, "neighbour@example.org")
    response = client.post(
        AUDIT, {"skills": [skills[0].pk, 99999999999999], "other_training": "Cooking"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose how confident you feel." in page
    assert 'value="Cooking"' in page
    assert not SkillsAudit.objects.filter(
        person__email="neighbour@example.org"
    ).exists()


def test_the_skills_audit_is_for_residents_whose_home_is_checked(client):
    sign_in(client, "resident@example.org")
    response = client.post(AUDIT, {"confidence": "low"})
    assert "whose home we have checked" in response.content.decode()
    with pytest.raises(PermissionDenied):
        skills_audit_save(
            person=person("resident@example.org"),
            year=2026,
            skills=[],
            confidence="low",
            training_wanted=[],
        )


def _answers(count, *, skill, wanted, year):
    for n in range(count):
        user = User.objects.create_user(email=f"audit{n}@example.org", password="x")
        answer = SkillsAudit.objects.create(person=user, year=year, confidence="some")
        answer.skills.set([skill])
        answer.training_wanted.set([wanted])


def test_the_summary_counts_by_hand_and_withholds_small_numbers(client):
    year = financial_year(london_today())
    chairing, accounts, inspecting = Skill.objects.all()[:3]
    _answers(6, skill=inspecting, wanted=chairing, year=year)
    summary = skills_summary(year)
    rows = {row.skill.name: row for row in summary.rows}
    # The demo chair: chairing + accounts, wants accounts; plus six above.
    assert summary.answers == 7
    assert (
        rows["Inspecting estates"].have,
        rows["Inspecting estates"].have_hidden,
    ) == (6, False)
    assert (rows["Chairing meetings"].have, rows["Chairing meetings"].have_hidden) == (
        1,
        True,
    )
    assert (rows["Chairing meetings"].want, rows["Chairing meetings"].want_hidden) == (
        6,
        False,
    )
    assert rows["Reading accounts"].want_hidden
    assert not rows["Speaking up for residents"].have_hidden  # 0 is shown as 0
    sign_in(client, "officer@example.org")
    page = client.get(SUMMARY).content.decode()
    assert "fewer than 5" in page
    assert ">6<" in page
    # Another year has its own answers.
    assert skills_summary(year - 1).answers == 0


def test_the_summary_is_for_staff_only(client):
    sign_in(client, "chair@example.org")
    assert client.get(SUMMARY).status_code in (302, 403)


@pytest.mark.parametrize("query", ["?year=abc", "?year=99999", "?year=%00", "?year=-1"])
def test_a_strange_year_on_the_summary_shows_this_year(client, query):
    sign_in(client, "officer@example.org")
    assert client.get(SUMMARY + query).status_code in (200, 400)


# ---------------------------------------------------------------- query counts


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_summary_query_count_is_flat(client):
    year = financial_year(london_today())
    sign_in(client, "officer@example.org")
    small = _count(client, SUMMARY)
    skill = Skill.objects.first()
    _answers(30, skill=skill, wanted=skill, year=year)
    assert _count(client, SUMMARY) == small


def test_the_training_pages_keep_a_pinned_query_count(
    client, django_assert_max_num_queries
):
    sign_in(client, "chair@example.org")
    for days in range(2, 12):
        new_session(days=days)
    with django_assert_max_num_queries(QUERIES["index"]):
        assert client.get(INDEX).status_code == 200
    with django_assert_max_num_queries(QUERIES["audit"]):
        assert client.get(AUDIT).status_code == 200
    client.logout()
    sign_in(client, "officer@example.org")
    with django_assert_max_num_queries(QUERIES["summary"]):
        assert client.get(SUMMARY).status_code == 200
    with django_assert_max_num_queries(QUERIES["waiting"]):
        assert client.get("/admin/training/attendance/").status_code == 200
    attendance = f"/admin/training/attendance/{past_session().pk}/"
    with django_assert_max_num_queries(QUERIES["attendance"]):
        assert client.get(attendance).status_code == 200


def test_the_demo_has_a_full_session_with_a_waiting_list_and_reminders():
    full = Session.objects.get(course__title="Reading your group's accounts")
    places = full.sign_ups.select_related("person")
    booked = [p.person.email for p in places.filter(status="booked").order_by("pk")]
    waiting = [
        p.person.email
        for p in places.filter(status="waiting").order_by("waiting_since")
    ]
    assert booked == ["treasurer@example.org", "secretary@example.org"]
    assert waiting == ["neighbour@example.org", "chair@example.org"]
    reminded = Reminder.objects.filter(sign_up__session=full)
    assert sorted(r.sign_up.person.email for r in reminded) == sorted(booked)


def test_staff_see_places_and_the_waiting_list_in_a_flat_query_count(client):
    sign_in(client, "officer@example.org")
    url = "/admin/training_sessions/"
    response = client.get(url)
    counts = {
        str(s.course): (s.booked_count, s.waiting_count)
        for s in response.context["object_list"]
    }
    assert counts["Reading your group's accounts"] == (2, 2)
    assert counts["Chairing a meeting well"] in {(0, 0), (1, 0)}
    assert "On the waiting list" in response.content.decode()
    small = _count(client, url)
    people = [person(e) for e in ("chair@example.org", "neighbour@example.org")]
    for days in range(3, 13):
        session = new_session(days=days, capacity=1)
        SignUp.objects.create(session=session, person=people[0])
        SignUp.objects.create(
            session=session,
            person=people[1],
            status="waiting",
            waiting_since=timezone.now(),
        )
    response = client.get(url)
    assert sum(s.waiting_count for s in response.context["object_list"]) == 12
    assert _count(client, url) == small


# Measured with the demo plus ten more sessions: index 21 (one of them the
# people the person helps as an advocate), audit 10, summary 14, waiting 12,
# attendance 13.
QUERIES = {"index": 21, "audit": 10, "summary": 14, "waiting": 12, "attendance": 13}


def test_the_training_page_is_flat_as_sessions_grow(client):
    sign_in(client, "chair@example.org")
    new_session(days=3)
    _count(client, INDEX)  # the site's chrome is cached on the first visit
    small = _count(client, INDEX)
    for days in range(4, 20):
        new_session(days=days)
    assert _count(client, INDEX) == small


# ---------------------------------------------------------------- the admin


def test_staff_add_a_course_and_a_session_in_the_admin(client):
    skill = Skill.objects.get(name="Reading accounts")
    sign_in(client, "officer@example.org")
    assert client.get("/admin/training_courses/new/").status_code == 200
    response = client.post(
        "/admin/training_courses/new/",
        {
            "title": "Understanding service charges",
            "description": "What you pay for and how to check it.",
            "provider": "Our income team",
            "skills": [skill.pk],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Course.objects.get(title="Understanding service charges")
    assert list(added.skills.all()) == [skill]
    assert client.get("/admin/training_sessions/new/").status_code == 200
    day = london_today() + datetime.timedelta(days=14)
    data = {
        "course": added.pk,
        "starts_at": f"{day:%Y-%m-%d} 18:00",
        "ends_at": f"{day:%Y-%m-%d} 17:00",
        "place": "Anchor Community Centre",
        "online_link": "",
        "capacity": "15",
        "meeting": "",
    }
    refused = client.post("/admin/training_sessions/new/", data)
    assert refused.status_code == 200  # ends before it starts: said, not saved
    assert "The session must end after it starts." in refused.content.decode()
    assert not Session.objects.filter(course=added).exists()
    data["ends_at"] = f"{day:%Y-%m-%d} 20:00"
    response = client.post("/admin/training_sessions/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(course=added)
    assert timezone.localtime(session.starts_at).hour == 18  # London time
    assert client.get("/admin/training_sessions/").status_code == 200


def test_residents_cannot_reach_the_training_admin(client):
    sign_in(client, "chair@example.org")
    for url in ["/admin/training_courses/", "/admin/training_sessions/new/"]:
        assert client.get(url).status_code in (302, 403)
