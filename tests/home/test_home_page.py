import pytest

from cms.consultations.models import ConsultationPage
from cms.core.factories import StandardPageFactory
from cms.magazines.models import MagazineIssuePage
from home.models import HomePage
from tests.cms.meetings.conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_home_page_shows_what_is_on_open_and_new(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Welcome to Riverside Homes</h1>" in page
    for heading in ["Upcoming meetings", "Have your say", "Latest magazine"]:
        assert heading in page
    open_now = [
        c
        for c in ConsultationPage.objects.live().filter(locale__language_code="en-gb")
        if c.status() in {"open", "closing_soon"}
    ]
    assert open_now
    # "Have your say" shows the three closing soonest.
    open_now.sort(key=lambda c: c.closes_at)
    for consultation in open_now[:3]:
        assert consultation.title in page
    assert 'href="/magazine/issue-8/">Your voice, your homes<' in page
    assert 'alt="Cover of issue 8: Your voice, your homes"' in page


def test_the_all_links_go_to_the_listings_in_the_home_pages_language(client):
    """The "All meetings" link on the Arabic home page once led to the English
    calendar (a slug lookup found the first page of that name)."""
    for prefix in ["/", "/ar/"]:
        page = client.get(prefix).content.decode()
        assert f'href="{prefix}meetings/">' in page, prefix
        assert f'href="{prefix}magazine/">' in page, prefix
    assert 'href="/consultations/">' in client.get("/").content.decode()


def test_home_page_sections_have_empty_states(client):
    ConsultationPage.objects.all().unpublish()
    MagazineIssuePage.objects.all().unpublish()
    page = client.get("/").content.decode()
    assert "There are no open consultations at the moment." in page
    assert "The next issue of the residents’ magazine is on its way." in page


def test_home_page_has_the_site_chrome(client):
    page = client.get("/").content.decode()
    assert '<html lang="en-gb" dir="ltr"' in page
    assert 'href="#main-content"' in page and 'id="main-content"' in page
    assert 'aria-label="Choose a language"' in page
    assert 'href="/accounts/login/">Sign in<' in page
    assert "Accessibility statement" in page and "Privacy notice" in page
    assert "0300 123 4567" in page
    assert 'media="print"' in page


def test_home_page_query_count_is_pinned_and_does_not_grow(
    client, django_assert_max_num_queries
):
    client.get("/")  # warm caches (site lookup, settings)
    # 15 for the page and chrome, 3 for the next meetings and the calendar link,
    # 4 for open consultations and 4 for the latest issue and its cover.
    with django_assert_max_num_queries(26):
        client.get("/")
    home = HomePage.objects.get(locale__language_code="en-gb")
    for n in range(20):
        page = StandardPageFactory(
            parent=home, title=f"Menu page {n}", show_in_menus=True
        )
    # Publishing (as an editor does) purges the cached menu in the page chrome.
    page.save_revision().publish()
    for n in range(10):
        make_meeting(days_ahead=20 + n)
    with django_assert_max_num_queries(26):
        page = client.get("/").content.decode()
    assert "Menu page 19" in page
    assert page.count('href="/meetings/') >= 4


def test_only_one_home_page_per_parent():
    assert HomePage.max_count_per_parent == 1
    assert HomePage.objects.filter(locale__language_code="en-gb").count() == 1
