"""Recognition status is derived from dates when read; reminders go out once."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta

from portal.core.dates import london_today
from portal.core.models import Notification
from portal.groups.models import Group, RecognitionApplication
from portal.groups.selectors import Status, group_status, status_from
from portal.groups.services import recognition_reminders_send

pytestmark = pytest.mark.django_db

D = datetime.date


def status(until, *, on, pending=False, derecognised=None):
    return status_from(
        recognised_until=until,
        has_pending_application=pending,
        derecognised_on=derecognised,
        on=on,
        renewal_window_days=90,
    )


def test_status_follows_the_dates():
    until = D(2027, 6, 30)
    assert status(None, on=D(2026, 11, 23)) == Status.FORMING
    assert status(None, on=D(2026, 11, 23), pending=True) == Status.APPLIED
    assert status(until, on=D(2027, 3, 31)) == Status.RECOGNISED  # 91 days left
    assert status(until, on=D(2027, 4, 1)) == Status.RENEWAL_DUE  # 90 days left
    assert status(until, on=until) == Status.RENEWAL_DUE
    assert status(until, on=until + relativedelta(days=1)) == Status.LAPSED
    assert status(until, on=D(2027, 7, 5), pending=True) == Status.APPLIED
    assert (
        status(until, on=D(2027, 1, 1), derecognised=D(2026, 12, 1))
        == Status.DERECOGNISED
    )


def test_the_demo_groups_are_in_every_state():
    got = {g.name.split()[0]: group_status(g) for g in Group.objects.all()}
    assert got == {
        "Anchor": Status.RECOGNISED,
        "Dock": Status.RECOGNISED,
        "Orchard": Status.RENEWAL_DUE,
        "Millfield": Status.APPLIED,
        "Weir": Status.LAPSED,
        "Barge": Status.FORMING,
    }


def recognised_until(group):
    """The end of the group's latest recognition (the demo keeps earlier ones)."""
    return (
        group.applications.filter(status="approved")
        .latest("decided_at")
        .recognised_until
    )


def test_recognition_lapses_without_any_job_running(time_machine, anchor):
    until = recognised_until(anchor)
    time_machine.move_to(datetime.datetime.combine(until, datetime.time(12)))
    assert group_status(anchor) == Status.RENEWAL_DUE
    time_machine.move_to(
        datetime.datetime.combine(until + relativedelta(days=1), datetime.time(12))
    )
    assert group_status(anchor) == Status.LAPSED


def reminders_for(group):
    return Notification.objects.filter(
        key__startswith=f"group.renewal_reminder:{group.pk}:", channel="email"
    )


def test_reminders_go_out_at_90_30_and_7_days_exactly_once(anchor):
    until = recognised_until(anchor)
    officers = anchor.officers.count()
    recognition_reminders_send(on=until - relativedelta(days=91))
    assert reminders_for(anchor).count() == 0
    for days, expected in [(90, 1), (89, 1), (30, 2), (29, 2), (7, 3), (1, 3)]:
        recognition_reminders_send(on=until - relativedelta(days=days))
        recognition_reminders_send(on=until - relativedelta(days=days))  # again
        assert reminders_for(anchor).count() == expected * officers, days
    keys = set(reminders_for(anchor).values_list("key", flat=True))
    assert {key.rsplit(":", 1)[1] for key in keys} == {"90", "30", "7"}


def test_a_missed_day_sends_only_the_nearest_reminder(anchor):
    until = recognised_until(anchor)
    recognition_reminders_send(on=until - relativedelta(days=20))
    keys = set(reminders_for(anchor).values_list("key", flat=True))
    assert {key.rsplit(":", 1)[1] for key in keys} == {"30"}


def test_the_renewal_due_demo_group_is_reminded_now():
    group = Group.objects.get(name__startswith="Orchard")
    recognition_reminders_send(on=london_today())
    assert reminders_for(group).exists()


def test_only_one_pending_application_at_a_time(anchor):
    from django.db import IntegrityError, transaction

    RecognitionApplication.objects.create(group=anchor)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecognitionApplication.objects.create(group=anchor)
