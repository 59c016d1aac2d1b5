"""The calendar pages and the iCalendar feeds residents subscribe to."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page

from cms.meetings.models import Body, MeetingPage
from cms.meetings.views import PER_PAGE, CalendarFilterForm
from portal.accounts.models import User
from portal.participation.models import Rsvp

from .conftest import make_meeting

pytestmark = pytest.mark.django_db


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_calendar_lists_upcoming_meetings_soonest_first(client):
    page = client.get("/meetings/").content.decode()
    upcoming = list(
        MeetingPage.objects.live()
        .filter(end__gte=timezone.now(), locale__language_code="en-gb")
        .order_by("start")[:2]
    )
    assert page.index(upcoming[0].title) < page.index(upcoming[1].title)


def test_past_meetings_and_month_view(client):
    past = client.get("/meetings/?view=past").content.decode()
    assert "Past meetings" in past
    month = timezone.localdate().replace(day=1)
    page = client.get(f"/meetings/?month={month:%Y-%m}").content.decode()
    assert f"<caption>{month:%B %Y}</caption>" in page


def test_filters_by_body(client):
    board = Body.objects.get(name="Board")
    page = client.get(f"/meetings/?view=past&body={board.pk}").content.decode()
    assert "Board," in page
    assert "Residents Panel," not in page


def test_a_bad_filter_or_month_is_not_an_error(client):
    assert client.get("/meetings/?body=abc&kind=nope").status_code == 200
    assert client.get("/meetings/?month=2026-13").status_code == 200
    assert client.get("/meetings/?page=9999").status_code == 200


def test_the_filter_choices_are_read_once_each_with_an_ordinary_query():
    """Drawn twice and walked once, each list is still one query, and never a
    server-side cursor (three round trips on PostgreSQL) for a few names."""
    form = CalendarFilterForm({"body": "", "area": ""})
    bodies = Body.objects.count()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            str(form["body"])
            str(form["area"])
        assert len(form.fields["body"].choices) == bodies + 1  # and "All bodies"
        assert form.is_valid()
    assert len(queries) == 2
    assert not [q for q in queries.captured_queries if "CURSOR" in q["sql"]]


def test_the_feed_parses_and_the_cancelled_meeting_is_marked(client):
    found = events(client.get("/meetings/calendar.ics"))
    cancelled = MeetingPage.objects.get(status="cancelled")
    event = next(
        e for uid, e in found.items() if uid.startswith(f"meeting-{cancelled.pk}@")
    )
    assert event["STATUS"] == "CANCELLED"
    assert event["URL"].endswith(cancelled.url)
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["DTSTART"].params["TZID"]) == "Europe/London"


def test_a_change_raises_the_sequence_and_tells_people_coming_once(
    client, meeting, django_capture_on_commit_callbacks
):
    chair = User.objects.get(email="chair@example.org")
    Rsvp.objects.create(meeting=meeting, person=chair, response="attending")
    uid = f"meeting-{meeting.pk}@"
    before = next(
        e
        for u, e in events(client.get("/meetings/calendar.ics")).items()
        if u.startswith(uid)
    )
    assert before["SEQUENCE"] == 0
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.status_reason = "The venue flooded."
    meeting.apology = "We are very sorry."
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
        meeting.save_revision().publish()  # publishing again changes nothing
    after = next(
        e
        for u, e in events(client.get("/meetings/calendar.ics")).items()
        if u.startswith(uid)
    )
    assert after["SEQUENCE"] == 1
    assert after["STATUS"] == "CANCELLED"
    messages = [m for m in mail.outbox if chair.email in m.to]
    assert len(messages) == 1
    assert "The venue flooded." in messages[0].body
    assert "We are very sorry." in messages[0].body


def test_add_to_calendar_for_one_meeting_and_a_body_feed(client, meeting):
    assert len(events(client.get(f"/meetings/event/{meeting.pk}.ics"))) == 1
    body_events = events(client.get(f"/meetings/calendar/{meeting.body_id}.ics"))
    assert body_events
    others = MeetingPage.objects.exclude(body=meeting.body).values_list("pk", flat=True)
    assert not any(
        uid.split("@")[0] == f"meeting-{pk}" for pk in others for uid in body_events
    )
    assert client.get("/meetings/event/999999.ics").status_code == 404


def test_a_draft_meeting_is_not_in_the_feed(client):
    draft = make_meeting(publish=False, title="Secret draft meeting")
    assert client.get(f"/meetings/event/{draft.pk}.ics").status_code == 404
    assert b"Secret draft meeting" not in client.get("/meetings/calendar.ics").content


def _bulk_meetings(index, count):
    """Insert live meeting pages in bulk (Django can't bulk_create a multi-table
    model, and 5,000 add_child calls would take minutes)."""
    body = Body.objects.first()
    content_type = ContentType.objects.get_for_model(MeetingPage)
    first = timezone.now() + datetime.timedelta(days=1)
    pages = Page.objects.bulk_create(
        Page(
            title=f"Bulk meeting {n}",
            slug=f"bulk-meeting-{n}",
            content_type=content_type,
            locale_id=index.locale_id,
            live=True,
            depth=index.depth + 1,
            path=Page._get_path(index.path, index.depth + 1, index.numchild + n + 1),
            url_path=f"{index.url_path}bulk-meeting-{n}/",
            draft_title=f"Bulk meeting {n}",
        )
        for n in range(count)
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    if not pages[0].pk:  # backends that don't return ids from bulk inserts
        pages = list(Page.objects.filter(slug__startswith="bulk-meeting-"))
    table = MeetingPage._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            # The table name is our own model's, never user input.
            f'INSERT INTO {table} (page_ptr_id, intro, body_id, kind, start, "end", '  # noqa: S608
            "online_link, agenda, status, status_reason, apology, "
            "short_notice_reason, minutes, action_points) "
            "VALUES (%s, '', %s, 'meeting', %s, %s, '', '[]', 'scheduled', '', '', "
            "'', '', '[]')",
            [
                (
                    page.pk,
                    body.pk,
                    first + datetime.timedelta(hours=n * 3),
                    first + datetime.timedelta(hours=n * 3 + 1),
                )
                for n, page in enumerate(pages)
            ],
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_calendar_query_count_does_not_grow_with_5000_meetings(client):

    urls = ["/meetings/", "/meetings/?view=past", "/meetings/?view=month"]
    for url in urls:
        client.get(url)  # settings and site root paths are cached per process
    before = {url: count_queries(client, url) for url in urls}
    _bulk_meetings(MeetingPage.objects.first().get_parent(), 5000)
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
    page = client.get("/meetings/").content.decode()
    assert page.count('<li class="card">') == PER_PAGE
    assert "Page 1 of" in page
