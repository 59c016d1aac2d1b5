"""Private sections: a page with a view restriction (Wagtail's "Privacy" setting),
and everything below it, is shown to nobody who has not passed it: not in the
listings, feeds and slots that list pages, and not from the page cache, even when
the restriction is added after those pages were cached."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.consultations.models import ConsultationPage
from cms.magazines.models import MagazineIssuePage
from tests.cms.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.INVOLVE_PAGE_CACHE_SECONDS = 300


def text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def make_private(page):
    return PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="residents-only",
    )


def an_open_consultation():
    now = timezone.now()
    return (
        ConsultationPage.objects.live()
        .filter(locale=Locale.get_default(), opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")
        .first()
    )


def a_meeting():
    return make_meeting(
        days_ahead=2,
        title="Estate walkabout",
        short_notice_reason="The room came free.",
    )


def an_issue():
    return (
        MagazineIssuePage.objects.live()
        .filter(locale=Locale.get_default())
        .order_by("-publication_date")
        .first()
    )


@pytest.mark.parametrize(
    ("make_page", "listings"),
    [
        (a_meeting, ["/meetings/", "/meetings/calendar.ics"]),
        (an_open_consultation, ["/consultations/", "/"]),
        (an_issue, ["/magazine/"]),
    ],
    ids=["meeting", "consultation", "magazine issue"],
)
def test_a_page_made_private_leaves_its_cached_listings_at_once(
    client, make_page, listings
):
    page = make_page()
    for path in listings:
        assert page.title in text(client, path), path
        assert client.get(path)["X-Cache"] == "HIT", path
    restriction = make_private(page)
    for path in listings:
        assert page.title not in text(client, path), path
    restriction.delete()
    for path in listings:
        assert page.title in text(client, path), path


def test_a_cached_page_made_private_asks_for_its_password(client):
    issue = an_issue()
    article = issue.get_children().live().specific().first()
    body = text(client, article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"
    make_private(issue)
    response = client.get(article.url)
    assert "X-Cache" not in response or response["X-Cache"] != "HIT"
    page = response.content.decode()
    assert 'name="password"' in page
    assert page != body


def test_a_private_section_is_left_out_below_it_too(client):
    """A restriction on an index hides the pages under it from listings elsewhere
    (the home page's "Have your say" lists consultations from anywhere)."""
    consultation = an_open_consultation()
    assert consultation.title in text(client, "/")
    make_private(consultation.get_parent())
    assert consultation.title not in text(client, "/")
    assert consultation.title not in text(client, "/consultations/")
