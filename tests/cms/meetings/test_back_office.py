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


def test_an_editor_creates_a_series_of_draft_meetings_in_one_step(client):
    from cms.meetings.models import Body

    board = Body.objects.get(name="Board")
    before = MeetingPage.objects.count()
    sign_in(client, "editor@example.org")
    response = client.post(
        "/admin/meetings/series/",
        {
            "body": board.pk,
            "title": "Board",
            "kind": "meeting",
            "first_start": "2027-09-07T18:00",
            "minutes_long": 120,
            "every_weeks": 4,
            "count": 3,
        },
    )
    assert response.status_code == 302
    series = MeetingPage.objects.order_by("-pk")[:3]
    assert MeetingPage.objects.count() == before + 3
    assert not any(m.live for m in series)
    starts = sorted(
        timezone.localtime(m.start).strftime("%Y-%m-%d %H:%M") for m in series
    )
    assert starts == ["2027-09-07 18:00", "2027-10-05 18:00", "2027-11-02 18:00"]


def test_a_series_with_bad_numbers_is_explained(client):
    sign_in(client, "editor@example.org")
    response = client.post("/admin/meetings/series/", {"count": 99, "title": "Board"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 52." in page
    assert 'value="Board"' in page


def test_residents_cannot_create_series(client):
    sign_in(client, "resident@example.org")
    response = client.get("/admin/meetings/series/")
    assert response.status_code == 302
