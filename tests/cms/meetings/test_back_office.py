"""Staff see whether notice and minutes promises were kept, and record who came."""

import pytest
from django.utils import timezone

from cms.meetings.models import MeetingPage
from cms.meetings.selectors import compliance_by_body
from portal.core.models import AuditEntry
from portal.participation.models import Attendance, Rsvp
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_report_shows_the_overdue_minutes_and_notice_percentages(client):
    rows = {row.body: row for row in compliance_by_body()}
    board = rows["Board"]
    assert board.minutes_overdue == 1
    assert board.due_notice_percent == 100
    assert board.held == board.minutes_on_time + board.minutes_late + 1
    sign_in(client, "officer@example.org")
    page = client.get("/admin/meetings/report/").content.decode()
    overdue = MeetingPage.objects.get(pk=board.overdue_meetings[0].pk)
    assert overdue.title in page
    assert "Average scores per meeting" in page


def test_the_report_query_count_does_not_grow_with_more_meetings(
    client, django_assert_max_num_queries
):
    sign_in(client, "officer@example.org")
    with django_assert_max_num_queries(30):
        assert client.get("/admin/meetings/report/").status_code == 200


def test_staff_record_attendance_and_needs_arranged_with_an_audit_entry(client):
    meeting = MeetingPage.objects.filter(
        rsvps__isnull=False, start__gt=timezone.now()
    ).first()
    rsvp = Rsvp.objects.filter(meeting=meeting).first()
    sign_in(client, "officer@example.org")
    url = f"/admin/meetings/{meeting.pk}/attendees/"
    page = client.get(url).content.decode()
    assert rsvp.access_needs in page
    response = client.post(
        url, {f"status_{rsvp.pk}": "attended", f"met_{rsvp.pk}": "on"}
    )
    assert response.status_code == 302
    assert (
        Attendance.objects.get(meeting=meeting, person=rsvp.person).status == "attended"
    )
    rsvp.refresh_from_db()
    assert rsvp.needs_met
    assert AuditEntry.objects.filter(action="attendance.recorded").exists()
