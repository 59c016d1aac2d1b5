"""Late minutes are chased: the people looking after the meeting page are
reminded once at each lateness threshold while the minutes are past their
deadline and unpublished; never twice, never once the minutes are out."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.meetings import notice
from cms.meetings.models import MeetingPage, MeetingPublication, MeetingRules
from cms.meetings.services import late_minutes_chase
from portal.accounts.models import User
from portal.accounts.roles import INVOLVEMENT_OFFICERS
from portal.core.models import AuditEntry, Notification
from portal.scheduler.jobs import JOBS_BY_NAME

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    """A meeting that took place 40 days ago, looked after by the editor."""
    meeting = make_meeting(days_ahead=30)
    start = timezone.now() - datetime.timedelta(days=40)
    editor = User.objects.get(email="editor@example.org")
    MeetingPage.objects.filter(pk=meeting.pk).update(
        start=start, end=start + datetime.timedelta(hours=2), owner=editor
    )
    meeting.refresh_from_db()
    due_on = notice.minutes_due_on(end=meeting.end, rules=MeetingRules.load())
    return meeting, editor, due_on


def chased(meeting):
    return Notification.objects.filter(key__startswith=f"minuteschase:{meeting.pk}:")


def test_the_owner_is_reminded_once_at_each_threshold(held):
    meeting, editor, due_on = held
    late_minutes_chase(today=due_on)  # due today: not late yet
    assert not chased(meeting).exists()

    late_minutes_chase(today=due_on + datetime.timedelta(days=1))
    late_minutes_chase(today=due_on + datetime.timedelta(days=1))  # again: once
    late_minutes_chase(today=due_on + datetime.timedelta(days=3))  # no threshold
    [first] = chased(meeting)
    assert first.recipient == editor
    assert "Minutes late" in first.subject and meeting.title in first.subject
    assert due_on.strftime("%-d %B %Y") in first.body

    # Days missed: only the latest threshold reached is sent, then nothing more.
    late_minutes_chase(today=due_on + datetime.timedelta(days=12))
    late_minutes_chase(today=due_on + datetime.timedelta(days=13))
    assert sorted(chased(meeting).values_list("key", flat=True)) == [
        f"minuteschase:{meeting.pk}:1",
        f"minuteschase:{meeting.pk}:10",
    ]
    assert (
        AuditEntry.objects.filter(
            action="meeting.minutes_chased", object_id=str(meeting.pk)
        ).count()
        == 2
    )


def test_the_chase_steps_are_a_setting(held, settings):
    assert settings.INVOLVE_LATE_MINUTES_CHASE_DAYS == (1, 5, 10, 20)
    settings.INVOLVE_LATE_MINUTES_CHASE_DAYS = (3, 7)
    meeting, _editor, due_on = held
    for days in (1, 2, 3, 5, 7, 10, 20):
        late_minutes_chase(today=due_on + datetime.timedelta(days=days))
    assert sorted(chased(meeting).values_list("key", flat=True)) == [
        f"minuteschase:{meeting.pk}:3",
        f"minuteschase:{meeting.pk}:7",
    ]


def test_published_minutes_stop_the_chase(held):
    meeting, _editor, due_on = held
    MeetingPublication.objects.filter(meeting=meeting).update(
        minutes_published_at=timezone.now()
    )
    late_minutes_chase(today=due_on + datetime.timedelta(days=5))
    assert not chased(meeting).exists()


def test_without_an_owner_the_involvement_officers_are_reminded(held):
    meeting, editor, due_on = held
    editor.is_active = False
    editor.save()
    late_minutes_chase(today=due_on + datetime.timedelta(days=1))
    officers = set(
        User.objects.filter(
            groups__name=INVOLVEMENT_OFFICERS, is_active=True
        ).values_list("pk", flat=True)
    )
    assert officers
    assert set(chased(meeting).values_list("recipient", flat=True)) == officers


def test_the_job_is_scheduled_and_the_command_runs(capsys):
    assert JOBS_BY_NAME["chase_late_minutes"].command == "chase_late_minutes"
    call_command("chase_late_minutes")
    assert "Late minutes reminders sent" in capsys.readouterr().out
