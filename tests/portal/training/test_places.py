"""Training places beyond booking: the person hears when a place is booked or
cancelled (their language, the time in London, the place or the joining link);
a reminder goes once a couple of days before (never twice, even from two
schedulers at once; nothing for cancelled places); a full session has a waiting
list whose first person gets a freed place at once (never over-filled, even by
two cancellations at once); an advocate books and cancels for the person they
help, and only for them, audited as acting for them."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from portal.accounts.models import Advocacy, ContactPreferences, User
from portal.accounts.services import account_close
from portal.core.models import AuditEntry, Notification
from portal.core.notifications import LONDON
from portal.scheduler.jobs import JOBS_BY_NAME
from portal.training.models import Course, Reminder, Session, SignUp
from portal.training.services import (
    training_cancel,
    training_join_waiting_list,
    training_reminders_send,
    training_sign_up,
)
from tests.concurrency import race
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

INDEX = "/portal/training/"
LINK = "https://meet.example.org/budgets"


def person(email):
    return User.objects.get(email=email)


def new_session(*, start=None, capacity=10, **changes):
    start = start or timezone.now() + datetime.timedelta(days=7)
    return Session.objects.create(
        course=Course.objects.get(title="Chairing a meeting well"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place=changes.pop("place", "Barge House community room"),
        capacity=capacity,
        **changes,
    )


def messages_to(place, part="") -> list[Notification]:
    """The messages about a place, one per key (whatever the number of
    channels the person chose)."""
    found = {}
    for notification in Notification.objects.filter(
        recipient=place.person, key__startswith=f"training-{place.pk}-{part}"
    ).order_by("pk"):
        found.setdefault(notification.key, notification)
    return list(found.values())


def only(notifications):
    assert len(notifications) == 1, notifications
    return notifications[0]


def full_session_with_waiting(capacity=1, waiting=("neighbour@example.org",)):
    session = new_session(capacity=capacity)
    booked = ["chair@example.org", "secretary@example.org"][:capacity]
    places = [training_sign_up(session=session, person=person(e)) for e in booked]
    queue = [
        training_join_waiting_list(session=session, person=person(e)) for e in waiting
    ]
    return session, places, queue


# ---------------------------------------------------------------- confirmations


def test_booking_tells_the_person_when_in_london_time_and_where():
    # 17:30 UTC on 1 July is 18:30 in London (summer time).
    start = datetime.datetime(2031, 7, 1, 17, 30, tzinfo=datetime.UTC)
    session = new_session(start=start)
    neighbour = person("neighbour@example.org")
    place = training_sign_up(session=session, person=neighbour)
    message = only(messages_to(place, "booked"))
    assert "Chairing a meeting well" in message.subject
    assert "Tuesday 1 July 2031" in message.body
    assert "6:30pm" in message.body
    assert "Barge House community room" in message.body
    assert "/portal/training/" in message.body


def test_an_online_session_sends_its_joining_link_in_the_persons_language():
    session = new_session(place="", online_link=LINK)
    neighbour = person("neighbour@example.org")
    ContactPreferences.objects.update_or_create(
        user=neighbour, defaults={"language": "pl"}
    )
    neighbour.refresh_from_db()
    place = training_sign_up(session=session, person=neighbour)
    message = only(messages_to(place, "booked"))
    assert message.language == "pl"
    assert LINK in message.body


def test_cancelling_sends_a_short_confirmation_and_booking_again_a_new_one():
    session = new_session(place="", online_link=LINK)
    chair = person("chair@example.org")
    place = training_sign_up(session=session, person=chair)
    training_cancel(sign_up=place, actor=chair)
    cancelled = only(messages_to(place, "cancelled"))
    assert "cancelled" in cancelled.subject and LINK not in cancelled.body
    training_sign_up(session=session, person=chair)
    assert len(messages_to(place, "booked")) == 2


# ---------------------------------------------------------------- reminders


def _at_london(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


NOW = _at_london(datetime.date(2031, 3, 10), 7)  # the job runs at 07:20


@pytest.fixture
def soon():
    """A session on Wednesday 12 March 2031 at 18:00, booked by two people, one
    of whom cancelled; a third is on the waiting list."""
    start = _at_london(datetime.date(2031, 3, 12), 18)
    session = new_session(start=start, capacity=2, place="", online_link=LINK)
    chair, secretary = person("chair@example.org"), person("secretary@example.org")
    # Booked "now" would be refused for a past date: move the clock back.
    for who in (chair, secretary):
        SignUp.objects.create(session=session, person=who)
    SignUp.objects.create(
        session=session,
        person=person("neighbour@example.org"),
        status=SignUp.Status.WAITING,
        waiting_since=timezone.now(),
    )
    SignUp.objects.filter(session=session, person=secretary).update(
        status=SignUp.Status.CANCELLED
    )
    return session


def reminders(session):
    """The reminders about places on this session (not the demo's others)."""
    about_this_session = Q()
    for place in session.sign_ups.all():
        about_this_session |= Q(key__startswith=f"training-{place.pk}-reminder-")
    return Notification.objects.filter(about_this_session)


def test_nothing_before_the_reminder_day(soon):
    assert training_reminders_send(now=NOW - datetime.timedelta(days=1)) == 0
    assert not Reminder.objects.filter(sign_up__session=soon).exists()


def test_booked_people_are_reminded_once_with_the_link_and_nobody_else(soon):
    assert training_reminders_send(now=NOW) == 1
    sent = reminders(soon)
    assert {n.recipient.email for n in sent} == {"chair@example.org"}
    message = sent.first()
    assert "Reminder" in message.subject and LINK in message.body
    assert "Wednesday 12 March 2031" in message.body
    assert training_reminders_send(now=NOW + datetime.timedelta(hours=1)) == 0
    assert reminders(soon).count() == sent.count()
    reminder = Reminder.objects.get(sign_up__session=soon)
    assert reminder.sign_up.person.email == "chair@example.org"


def test_a_session_moved_to_a_new_time_is_reminded_again(soon):
    training_reminders_send(now=NOW)
    Session.objects.filter(pk=soon.pk).update(
        starts_at=soon.starts_at + datetime.timedelta(days=1),
        ends_at=soon.ends_at + datetime.timedelta(days=1),
    )
    assert training_reminders_send(now=NOW + datetime.timedelta(days=1)) == 1
    assert Reminder.objects.filter(sign_up__session=soon).count() == 2


def test_a_started_session_gets_no_reminder(soon):
    assert training_reminders_send(now=soon.starts_at) == 0


def test_the_reminder_days_are_a_setting(soon, settings):
    settings.INVOLVE_TRAINING_REMINDER_DAYS = 1
    assert training_reminders_send(now=NOW) == 0
    assert training_reminders_send(now=NOW + datetime.timedelta(days=1)) == 1


def test_the_reminder_job_is_scheduled_daily_and_reports():
    job = JOBS_BY_NAME["send_training_reminders"]
    assert job.command == "send_training_reminders" and job.cron.endswith(" * * *")
    out = io.StringIO()
    call_command("send_training_reminders", stdout=out)
    assert "Training reminders sent:" in out.getvalue()


def test_closing_an_account_deletes_its_reminders(soon):
    training_reminders_send(now=NOW)
    chair = person("chair@example.org")
    assert Reminder.objects.filter(sign_up__person=chair).exists()
    account_close(user=chair)
    assert not Reminder.objects.filter(sign_up__person=chair).exists()


@pytest.mark.postgres
def test_two_scheduler_runs_at_once_remind_each_person_once(demo_data):
    start = _at_london(datetime.date(2031, 3, 12), 18)
    session = new_session(start=start)
    for email in ("chair@example.org", "secretary@example.org"):
        SignUp.objects.create(session=session, person=person(email))
    run = lambda: training_reminders_send(now=NOW)  # noqa: E731
    assert race(run, run) == ["done", "done"]
    assert Reminder.objects.filter(sign_up__session=session).count() == 2
    sent = reminders(session)
    assert sorted(sent.values_list("recipient__email", flat=True).distinct()) == [
        "chair@example.org",
        "secretary@example.org",
    ]
    per_channel = {(n.recipient_id, n.channel) for n in sent}
    assert len(per_channel) == sent.count()


# ---------------------------------------------------------------- waiting list


def test_a_full_session_offers_the_waiting_list_and_shows_the_position(client):
    session, _, _ = full_session_with_waiting(waiting=("neighbour@example.org",))
    sign_in(client, "secretary@example.org")
    page = client.get(INDEX).content.decode()
    assert f"sessions/{session.pk}/wait/" in page
    assert f"sessions/{session.pk}/sign-up/" not in page
    response = client.post(f"{INDEX}sessions/{session.pk}/wait/", follow=True)
    assert "(number 2)" in response.content.decode()
    page = client.get(INDEX).content.decode()
    assert "On the waiting list (position 2)" in page
    place = SignUp.objects.get(session=session, person__email="secretary@example.org")
    assert place.status == SignUp.Status.WAITING
    assert AuditEntry.objects.filter(
        action="training.waiting", object_id=str(place.pk)
    ).exists()
    assert "(number 2)" in only(messages_to(place, "waiting")).body
    dashboard = client.get("/portal/").content.decode()
    assert "on the waiting list, position 2" in dashboard


def test_the_waiting_list_is_only_for_a_full_session_and_once():
    session = new_session(capacity=2)
    with pytest.raises(ValidationError, match="book one instead"):
        training_join_waiting_list(session=session, person=person("chair@example.org"))
    session, (booked,), (waiting,) = full_session_with_waiting()
    with pytest.raises(ValidationError, match="already have a place"):
        training_join_waiting_list(session=session, person=booked.person)
    with pytest.raises(ValidationError, match="already on the waiting list"):
        training_join_waiting_list(session=session, person=waiting.person)
    with pytest.raises(ValidationError, match="already on the waiting list"):
        training_sign_up(session=session, person=waiting.person)


def test_a_cancelled_place_goes_to_the_first_waiting_who_is_told():
    session, (booked,), queue = full_session_with_waiting(
        waiting=("neighbour@example.org", "secretary@example.org")
    )
    first, second = queue
    training_cancel(sign_up=booked, actor=booked.person)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == SignUp.Status.BOOKED and first.waiting_since is None
    assert second.status == SignUp.Status.WAITING
    offered = only(messages_to(first, "offered"))
    assert "A place came free" in offered.subject
    assert "Barge House community room" in offered.body
    entry = AuditEntry.objects.get(
        action="training.place_offered", object_id=str(first.pk)
    )
    assert entry.actor is None and entry.to_state == "booked"
    assert not messages_to(second, "offered")
    # The second is now first in line.
    training_cancel(sign_up=first, actor=first.person)
    second.refresh_from_db()
    assert second.status == SignUp.Status.BOOKED


def test_leaving_the_waiting_list_gives_nobody_a_place(client):
    session, (booked,), (waiting,) = full_session_with_waiting()
    sign_in(client, "neighbour@example.org")
    response = client.post(f"{INDEX}places/{waiting.pk}/cancel/", follow=True)
    assert "off the waiting list" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CANCELLED
    assert AuditEntry.objects.filter(
        action="training.left_waiting_list", object_id=str(waiting.pk)
    ).exists()
    assert "left the waiting list" in only(messages_to(waiting, "left")).subject
    assert SignUp.objects.filter(session=session, status="booked").count() == 1


def test_a_newcomer_does_not_jump_the_queue_when_places_are_added():
    session, _, (waiting,) = full_session_with_waiting()
    Session.objects.filter(pk=session.pk).update(capacity=2)
    with pytest.raises(ValidationError, match="full"):
        training_sign_up(session=session, person=person("secretary@example.org"))
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.BOOKED


def test_nobody_else_leaves_my_waiting_list_place(client):
    _, _, (waiting,) = full_session_with_waiting()
    sign_in(client, "chair@example.org")
    assert client.post(f"{INDEX}places/{waiting.pk}/cancel/").status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.WAITING


def test_staff_do_not_record_attendance_for_the_waiting_list(client):
    session, (booked,), (waiting,) = full_session_with_waiting()
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    sign_in(client, "officer@example.org")
    page = client.get(f"/admin/training/attendance/{session.pk}/").content.decode()
    assert f"sign_up_{booked.pk}" in page and f"sign_up_{waiting.pk}" not in page


@pytest.mark.postgres
def test_two_cancellations_at_once_fill_two_places_never_more(demo_data):
    emails = ["chair@example.org", "secretary@example.org"]
    session, places, queue = full_session_with_waiting(
        capacity=2, waiting=("neighbour@example.org", "treasurer@example.org")
    )
    # A third in line (the list keeps anyone who joined; no home check needed).
    queue.append(
        SignUp.objects.create(
            session=session,
            person=person("resident@example.org"),
            status=SignUp.Status.WAITING,
            waiting_since=timezone.now(),
        )
    )
    first, second, third = queue
    assert [p.person.email for p in places] == emails
    outcomes = race(
        *[
            lambda place=place: training_cancel(sign_up=place, actor=place.person)
            for place in places
        ]
    )
    assert outcomes == ["done", "done"]
    booked = SignUp.objects.filter(session=session, status="booked")
    assert sorted(booked.values_list("pk", flat=True)) == sorted([first.pk, second.pk])
    third.refresh_from_db()
    assert third.status == SignUp.Status.WAITING


@pytest.mark.postgres
def test_a_cancellation_and_a_booking_at_once_keep_the_queue(demo_data):
    session, (booked,), (waiting,) = full_session_with_waiting()
    outcomes = race(
        lambda: training_cancel(sign_up=booked, actor=booked.person),
        lambda: training_sign_up(
            session=session, person=person("secretary@example.org")
        ),
    )
    assert outcomes[0] == "done" and outcomes[1] == "refused"
    assert list(
        SignUp.objects.filter(session=session, status="booked").values_list(
            "person__email", flat=True
        )
    ) == ["neighbour@example.org"]


# ---------------------------------------------------------------- advocates


@pytest.fixture
def helper():
    """The chair acts for the neighbour (who named them; they accepted)."""
    Advocacy.objects.create(
        resident=person("neighbour@example.org"),
        advocate=person("chair@example.org"),
        accepted_at=timezone.now(),
    )
    return person("chair@example.org")


def test_an_advocate_books_and_cancels_for_the_person_they_help(client, helper):
    neighbour = person("neighbour@example.org")
    session = new_session()
    sign_in(client, helper.email)
    page = client.get(INDEX).content.decode()
    assert f"{INDEX}for/{neighbour.pk}/" in page
    page = client.get(f"{INDEX}for/{neighbour.pk}/").content.decode()
    assert "Training for" in page and "My certificates" not in page
    response = client.post(
        f"{INDEX}for/{neighbour.pk}/sessions/{session.pk}/sign-up/", follow=True
    )
    assert "We have told them" in response.content.decode()
    place = SignUp.objects.get(session=session, person=neighbour)
    assert place.status == SignUp.Status.BOOKED
    assert not SignUp.objects.filter(session=session, person=helper).exists()
    entry = AuditEntry.objects.get(action="training.signed_up", object_id=str(place.pk))
    assert entry.actor == helper and entry.acting_for == neighbour
    told = only(messages_to(place, "booked"))
    assert "did this for you" in told.body
    client.post(f"{INDEX}for/{neighbour.pk}/places/{place.pk}/cancel/")
    place.refresh_from_db()
    assert place.status == SignUp.Status.CANCELLED
    entry = AuditEntry.objects.get(
        action="training.sign_up_cancelled", object_id=str(place.pk)
    )
    assert entry.actor == helper and entry.acting_for == neighbour


def test_an_advocate_puts_the_person_on_a_waiting_list(client, helper):
    session, _, _ = full_session_with_waiting(waiting=())
    neighbour = person("neighbour@example.org")
    sign_in(client, helper.email)
    client.post(f"{INDEX}for/{neighbour.pk}/sessions/{session.pk}/wait/")
    place = SignUp.objects.get(session=session, person=neighbour)
    assert place.status == SignUp.Status.WAITING
    entry = AuditEntry.objects.get(action="training.waiting", object_id=str(place.pk))
    assert entry.acting_for == neighbour


def test_an_advocate_cannot_act_for_anyone_else(client, helper):
    secretary = person("secretary@example.org")
    session = new_session()
    sign_in(client, helper.email)
    assert client.get(f"{INDEX}for/{secretary.pk}/").status_code == 404
    assert (
        client.post(
            f"{INDEX}for/{secretary.pk}/sessions/{session.pk}/sign-up/"
        ).status_code
        == 404
    )
    assert not SignUp.objects.filter(session=session, person=secretary).exists()
    theirs = training_sign_up(session=session, person=secretary)
    # Their place reached through the helped person's address is not found.
    neighbour = person("neighbour@example.org")
    url = f"{INDEX}for/{neighbour.pk}/places/{theirs.pk}/cancel/"
    assert client.post(url).status_code == 404
    with pytest.raises(PermissionDenied):
        training_sign_up(session=session, person=secretary, actor=helper)
    with pytest.raises(PermissionDenied):
        training_cancel(sign_up=theirs, actor=helper)
    theirs.refresh_from_db()
    assert theirs.status == SignUp.Status.BOOKED


def test_an_advocate_not_yet_accepted_cannot_book(client):
    neighbour = person("neighbour@example.org")
    Advocacy.objects.create(resident=neighbour, advocate=person("chair@example.org"))
    sign_in(client, "chair@example.org")
    assert client.get(f"{INDEX}for/{neighbour.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        training_sign_up(
            session=new_session(), person=neighbour, actor=person("chair@example.org")
        )


def test_the_person_helped_must_be_a_checked_resident(helper):
    resident = person("resident@example.org")  # home not yet checked
    Advocacy.objects.create(
        resident=resident, advocate=helper, accepted_at=timezone.now()
    )
    with pytest.raises(PermissionDenied, match="whose home we have checked"):
        training_sign_up(session=new_session(), person=resident, actor=helper)


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_is_flat_however_many_waiting_list_places(client):
    """Each place's number on its waiting list is counted in the query that
    reads the places."""
    full_session_with_waiting()
    sign_in(client, "neighbour@example.org")
    _queries(client, INDEX)  # the site's chrome is cached on the first visit
    small = _queries(client, INDEX)
    for _ in range(5):
        full_session_with_waiting()
    page = client.get(INDEX).content.decode()
    assert page.count("On the waiting list (position 1)") >= 6
    assert _queries(client, INDEX) == small
