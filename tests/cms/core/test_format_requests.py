"""Anyone can ask for any page in another format: they are told the date it will
arrive (10 working days, skipping bank holidays), staff see a queue and mark each
request sent once."""

import datetime
import html
import re
import zoneinfo
from urllib.parse import urlsplit

import pytest

from cms.core.models import FormatRequest
from cms.magazines.models import ArticlePage
from portal.core.models import AuditEntry, Notification
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _article():
    return ArticlePage.objects.filter(slug="issue-8-1").first()


def _form(**overrides):
    data = {
        "format": "large_print",
        "name": "Kath Brown",
        "delivery": "email",
        "email": "kath@example.org",
    }
    return {**data, **overrides}


def test_every_page_links_to_the_request_form(client):
    for path in ["/", "/magazine/", _article().url, "/meetings/"]:
        html = client.get(path).content.decode()
        assert "Ask for this in another format" in html, path
    html = client.get(_article().url).content.decode()
    assert f"/other-formats/?page={_article().pk}" in html
    # Pages outside the CMS send their own address.
    html = client.get("/groups/").content.decode()
    assert "/other-formats/?path=/groups/" in html


def test_a_visitor_asks_and_is_told_when_to_expect_it(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 17, 10, tzinfo=LONDON))
    article = _article()
    url = f"/other-formats/?page={article.pk}"
    page = client.get(url).content.decode()
    assert "You are asking for: <strong>Repairs: how we did</strong>" in page
    response = client.post(url, _form(), follow=True)
    made = FormatRequest.objects.get()
    # Thursday 17 December + 10 working days, skipping Christmas Day, Boxing Day
    # (a Saturday, so the holiday is Monday 28th) and New Year's Day (counted by
    # hand: 18, 21, 22, 23, 24, 29, 30, 31 December, 4 and 5 January).
    assert made.due_on == datetime.date(2027, 1, 5)
    assert "We will send it by <strong>Tuesday 5 January 2027</strong>" in (
        response.content.decode()
    )
    assert made.page_id == article.pk
    assert made.page_url == article.url
    assert made.requested_by is None
    assert AuditEntry.objects.filter(action="format_request.made").count() == 1


def test_the_wait_is_a_setting(client, settings, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 10, tzinfo=LONDON))
    settings.INVOLVE_FORMAT_REQUEST_WORKING_DAYS = 5
    client.post(f"/other-formats/?page={_article().pk}", _form())
    assert FormatRequest.objects.get().due_on == datetime.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"format": "braille"}, "delivery", "Braille can only be sent by post."),
        ({"format": "paper"}, "delivery", "A paper copy can only be sent by post."),
        ({"format": "translation"}, "language", "Tell us which language you need."),
        ({"email": ""}, "email", "Enter the email address to send it to."),
        ({"email": "not an email"}, "email", "Enter an email address like"),
        ({"delivery": "post"}, "address", "Enter the address to post it to."),
        ({"format": ""}, "format", "Choose the format you need."),
        ({"name": ""}, "name", "Enter your name."),
    ],
)
def test_mistakes_are_explained_and_what_was_typed_is_kept(
    client, overrides, field, message
):
    data = _form(notes="Please use a large font on the envelope", **overrides)
    response = client.post(f"/other-formats/?page={_article().pk}", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert message in html
    assert f'href="#id_{field}' in html
    assert "Please use a large font on the envelope" in html
    assert FormatRequest.objects.count() == 0


def test_without_a_page_the_person_says_what_they_want(client):
    response = client.post("/other-formats/", _form())
    assert "Tell us what you would like." in response.content.decode()
    client.post("/other-formats/", _form(what="The rent letter"))
    assert FormatRequest.objects.get().page_title == "The rent letter"


def test_a_signed_in_resident_finds_their_details_filled_in_and_is_notified(client):
    sign_in(client, "chair@example.org")
    page = client.get(f"/other-formats/?page={_article().pk}").content.decode()
    assert 'value="chair@example.org"' in page
    assert "Flat 12" in page  # their verified home as the postal address
    client.post(
        f"/other-formats/?page={_article().pk}",
        _form(format="braille", delivery="post", address="Flat 12, Anchor House"),
    )
    made = FormatRequest.objects.get()
    assert made.requested_by.email == "chair@example.org"
    assert Notification.objects.filter(
        recipient=made.requested_by, key=f"format-request-{made.pk}"
    ).exists()


def test_staff_see_the_queue_and_mark_a_request_sent_once(client):
    client.post(f"/other-formats/?page={_article().pk}", _form())
    made = FormatRequest.objects.get()
    sign_in(client, "editor@example.org")
    queue = client.get("/admin/format_requests/").content.decode()
    assert "Repairs: how we did" in queue
    detail = client.get(f"/admin/format_requests/{made.pk}/send/").content.decode()
    assert "kath@example.org" in detail
    client.post(f"/admin/format_requests/{made.pk}/send/")
    made.refresh_from_db()
    assert made.status == FormatRequest.Status.SENT
    assert made.sent_by.email == "editor@example.org"
    response = client.post(f"/admin/format_requests/{made.pk}/send/", follow=True)
    assert "already marked as sent" in response.content.decode()
    assert AuditEntry.objects.filter(action="format_request.sent").count() == 1


@pytest.mark.parametrize("email", ["resident@example.org", "finance@example.org"])
def test_other_people_cannot_see_the_queue_or_mark_sent(client, email):
    client.post(f"/other-formats/?page={_article().pk}", _form())
    made = FormatRequest.objects.get()
    sign_in(client, email)
    assert client.get("/admin/format_requests/").status_code in (302, 403)
    client.post(f"/admin/format_requests/{made.pk}/send/")
    made.refresh_from_db()
    assert made.status == FormatRequest.Status.OPEN


def test_one_address_cannot_flood_the_queue(client):
    url = f"/other-formats/?page={_article().pk}"
    for _ in range(10):
        client.post(url, _form())
    response = client.post(url, _form())
    assert "We have had a lot of requests from this connection" in (
        response.content.decode()
    )
    assert FormatRequest.objects.count() == 10


def test_the_queue_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.post(f"/other-formats/?page={_article().pk}", _form())
    sign_in(client, "editor@example.org")
    with django_assert_max_num_queries(40) as before:
        client.get("/admin/format_requests/")
    base = FormatRequest.objects.get()
    for n in range(30):
        base.pk = None
        base.name = f"Person {n}"
        base.save()
    with django_assert_max_num_queries(40) as after:
        client.get("/admin/format_requests/")
    assert len(after) == len(before)


@pytest.mark.parametrize(
    "path",
    [
        "/\\evil.example/",
        "\\\\evil.example/",
        "//evil.example/",
        "/\t/evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
    ],
)
def test_the_way_back_only_ever_leads_to_this_site(client, path):
    """Finding 9: a backslash made the "go back" link leave the site."""
    from urllib.parse import urlencode

    url = "/other-formats/?" + urlencode({"path": path})
    page = client.get(url).content.decode()
    assert "Go back to the page" not in page
    for href in re.findall(r'href="([^"]*)"', page):
        # The language switcher repeats the query, encoded: still this site.
        assert urlsplit(html.unescape(href).replace("\\", "/")).netloc == "", href
    client.post(url, _form(what="The bins leaflet"))
    # Staff never see it stored either.
    assert FormatRequest.objects.get().page_url == ""


def test_a_same_site_path_is_kept(client):
    client.post("/other-formats/?path=/meetings/", _form(what="The calendar"))
    assert FormatRequest.objects.get().page_url == "/meetings/"
    assert 'href="/meetings/"' in client.get("/other-formats/sent/").content.decode()
