"""Two officers recording the same attendance at the same moment still leave one
snapshot (PostgreSQL: real concurrent connections)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from cms.meetings.models import MeetingPage
from portal.accounts.models import User
from portal.reach.models import ParticipationSnapshot
from portal.reach.services import snapshot_take


@pytest.mark.postgres
def test_the_same_snapshot_taken_twice_at_once_is_written_once(demo_data):
    person = User.objects.get(email="secretary@example.org")
    meeting = MeetingPage.objects.filter(body__kind="board").order_by("start").first()
    ParticipationSnapshot.objects.filter(meeting=meeting, person=person).delete()
    barrier = threading.Barrier(2)
    taken = []

    def take():
        barrier.wait()
        try:
            taken.append(
                snapshot_take(
                    person=person,
                    kind="attendance",
                    took_part_on=timezone.localdate(meeting.start),
                    meeting=meeting,
                    body=meeting.body,
                ).pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = ParticipationSnapshot.objects.filter(meeting=meeting, person=person)
    assert rows.count() == 1
    assert taken == [rows.get().pk] * 2
