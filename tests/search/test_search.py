import pytest
from wagtail.models import Page

from cms.core.factories import StandardPageFactory
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="en-gb")


def test_search_finds_pages_by_their_words(client):
    response = client.get("/search/", {"q": "accessibility"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Accessibility statement" in page
    assert 'href="/accessibility-statement/"' in page


def test_search_with_no_results_suggests_what_to_do(client):
    response = client.get("/search/", {"q": "xylophone"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing found for “xylophone”" in page
    assert "check the spelling" in page


def test_search_without_a_query_shows_the_form(client):
    page = client.get("/search/").content.decode()
    assert 'name="q"' in page and "Nothing found" not in page


def test_search_only_shows_pages_in_the_visitors_language(client):
    page = client.get("/ar/search/", {"q": "accessibility"}).content.decode()
    assert 'href="/accessibility-statement/"' not in page


def test_search_leaves_out_unpublished_pages(client, home):
    StandardPageFactory(parent=home, title="Secret draft about rent", live=False)
    assert "Secret draft" not in client.get("/search/", {"q": "rent"}).content.decode()


def test_search_paginates_and_survives_bad_page_numbers(client, home):
    for n in range(25):
        StandardPageFactory(
            parent=home, title=f"Rent guide {n}", slug=f"rent-guide-{n}"
        )
    first = client.get("/search/", {"q": "rent guide"}).content.decode()
    assert "25 results" in first
    assert "Page 1 of 3" in first
    assert "?q=rent+guide&amp;page=2" in first
    assert (
        "Page 3 of 3"
        in client.get("/search/", {"q": "rent guide", "page": 99}).content.decode()
    )
    assert (
        "Page 1 of 3"
        in client.get("/search/", {"q": "rent guide", "page": "x"}).content.decode()
    )


def test_search_query_count_does_not_grow_with_the_data(
    client, home, django_assert_max_num_queries
):
    StandardPageFactory(parent=home, title="Rent guide", slug="rent-guide")
    client.get("/search/", {"q": "rent"})
    with django_assert_max_num_queries(16) as few:
        client.get("/search/", {"q": "rent"})
    for n in range(30):
        StandardPageFactory(parent=home, title=f"Rent news {n}", slug=f"rent-news-{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "rent"})
    assert Page.objects.live().count() > 30
