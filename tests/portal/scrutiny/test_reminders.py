"""The daily scrutiny reminder: whoever the review names (or else the Involvement
officers) hears once a few working days before the landlord's response is due
and once when it is overdue; never twice for the same review and stage."""

import datetime
import io

import pytest
from django.core.management import call_command

from cms.meetings.models import Body
from portal.accounts.models import User
from portal.accounts.roles import INVOLVEMENT_OFFICERS
from portal.core.models import AuditEntry, Notification
from portal.scheduler.jobs import JOBS_BY_NAME
from portal.scrutiny.models import Recommendation, ResponseReminder, ScrutinyReview
from portal.scrutiny.services import response_reminders_send

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
# Sent on Monday 2 June 2031 with 28 days: due Monday 30 June; five working days
# before is Monday 23 June.
DUE = D("2031-06-30")


@pytest.fixture
def lead():
    return User.objects.create_user(
        email="lead@example.test", password="x", is_staff=True
    )


@pytest.fixture
def review(lead):
    review = ScrutinyReview.objects.create(
        title="Damp and mould",
        body=Body.objects.get(name="Residents Panel"),
        scope="x",
        started_on=D("2031-04-01"),
        response_days=28,
        staff_lead=lead,
    )
    for made in ("2031-06-02", "2031-06-20"):
        Recommendation.objects.create(review=review, text="x", made_on=D(made))
    return review


def sent(review, stage):
    return Notification.objects.filter(
        key=f"scrutiny-response-{stage}:{review.pk}:{DUE}"
    )


def test_nothing_before_the_lead_time(review):
    response_reminders_send(today=D("2031-06-20"))  # 6 working days before
    assert not ResponseReminder.objects.filter(review=review).exists()
    assert not sent(review, "before").exists()


def test_the_named_lead_is_reminded_once_before_and_once_when_late(review, lead):
    response_reminders_send(today=D("2031-06-23"))
    before = sent(review, "before")
    assert before.exists() and {n.recipient for n in before} == {lead}
    assert "30 June 2031" in before.first().subject
    assert "Damp and mould" in before.first().body
    response_reminders_send(today=D("2031-06-30"))  # due today: not late yet
    assert not sent(review, "overdue").exists()
    response_reminders_send(today=D("2031-07-01"))
    overdue = sent(review, "overdue")
    assert overdue.exists() and {n.recipient for n in overdue} == {lead}
    assert "overdue" in overdue.first().subject.lower()
    for day in ("2031-07-02", "2031-07-20"):
        response_reminders_send(today=D(day))
    assert before.count() == sent(review, "before").count()
    stages = ResponseReminder.objects.filter(review=review)
    assert sorted(stages.values_list("stage", flat=True)) == ["before", "overdue"]
    audit = AuditEntry.objects.filter(
        action="scrutiny.reminder", object_id=str(review.pk)
    )
    assert sorted(audit.values_list("to_state", flat=True)) == ["before", "overdue"]
    assert audit.first().details["due_on"] == "2031-06-30"


def test_runs_twice_sends_once(review):
    first = response_reminders_send(today=D("2031-06-24"))
    count = sent(review, "before").count()
    second = response_reminders_send(today=D("2031-06-24"))
    assert first["before"] >= 1 and count >= 1
    assert second == {"before": 0, "overdue": 0}
    assert sent(review, "before").count() == count
    assert ResponseReminder.objects.filter(review=review).count() == 1


def test_a_reminder_recorded_by_another_run_is_not_sent_again(review):
    ResponseReminder.objects.create(review=review, stage="overdue", due_on=DUE)
    response_reminders_send(today=D("2031-07-01"))
    assert not sent(review, "overdue").exists()


def test_without_a_named_lead_the_involvement_officers_are_reminded(review, lead):
    officer = User.objects.get(email="officer@example.org")
    lead.is_active = False
    lead.save()
    response_reminders_send(today=D("2031-07-01"))
    recipients = {n.recipient for n in sent(review, "overdue")}
    assert officer in recipients and lead not in recipients
    assert all(person.groups.filter(name=INVOLVEMENT_OFFICERS) for person in recipients)
    reminder = ResponseReminder.objects.get(review=review, stage="overdue")
    assert reminder.recipients == len(recipients)


def test_answered_reviews_are_left_alone(review, lead):
    review.recommendations.update(
        response="rejected", response_reason="No", responded_on=D("2031-06-25")
    )
    response_reminders_send(today=D("2031-07-01"))
    assert not ResponseReminder.objects.filter(review=review).exists()


def test_the_earliest_waiting_recommendation_sets_the_date(review):
    """Once the first is answered, the second (sent 20 June, due 18 July) is
    what the next reminders are about."""
    review.recommendations.filter(made_on=D("2031-06-02")).update(
        response="accepted", responded_on=D("2031-06-25")
    )
    response_reminders_send(today=D("2031-07-01"))
    assert not ResponseReminder.objects.filter(review=review).exists()
    response_reminders_send(today=D("2031-07-11"))  # 5 working days before
    assert ResponseReminder.objects.get(review=review).due_on == D("2031-07-18")


def test_the_job_is_scheduled_daily_and_the_command_reports():
    job = JOBS_BY_NAME["send_scrutiny_reminders"]
    assert job.command == "send_scrutiny_reminders" and job.cron.startswith("45 7 ")
    out = io.StringIO()
    call_command("send_scrutiny_reminders", stdout=out)
    assert "Reminders sent:" in out.getvalue()


@pytest.mark.postgres
def test_two_scheduler_runs_at_once_send_each_reminder_once(demo_data):
    """Two schedulers started by mistake run the job at the same moment: the
    lead hears once, with one record and one audit entry."""
    from tests.concurrency import race

    lead = User.objects.create_user(
        email="race-lead@example.test", password="x", is_staff=True
    )
    review = ScrutinyReview.objects.create(
        title="Communal heating",
        body=Body.objects.get(name="Residents Panel"),
        scope="x",
        started_on=D("2031-04-01"),
        response_days=28,
        staff_lead=lead,
    )
    Recommendation.objects.create(review=review, text="x", made_on=D("2031-06-02"))
    run = lambda: response_reminders_send(today=D("2031-06-23"))  # noqa: E731
    assert race(run, run) == ["done", "done"]
    assert ResponseReminder.objects.filter(review=review).count() == 1
    assert set(sent(review, "before").values_list("recipient", flat=True)) == {lead.pk}
    assert (
        AuditEntry.objects.filter(
            action="scrutiny.reminder", object_id=str(review.pk)
        ).count()
        == 1
    )


def test_the_demo_review_names_its_staff_lead(demo_data):
    review = ScrutinyReview.objects.get(title__startswith="How we deal with reports")
    assert review.staff_lead.email == "officer@example.org"
