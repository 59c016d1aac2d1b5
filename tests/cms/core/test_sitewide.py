"""The site for a host, the locales and "is any page private?" are remembered
between requests (`cms.core.sitewide`) and must never outlive a change: the next
request after an editor's save sees it, whatever was remembered before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.core import sitewide
from tests.cms.core.test_private_sections import an_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_request_renders(settings):
    # The page cache off: what is measured here is the render itself.
    settings.INVOLVE_PAGE_CACHE_SECONDS = 0


def tables_read(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code in (200, 401), path
    return response, [q["sql"] for q in queries.captured_queries]


def reads(queries, table):
    """Whether any query reads `table` as its main table (not in a subquery)."""
    return any(
        " FROM " in sql and sql.split(" FROM ", 1)[1].startswith(f'"{table}"')
        for sql in queries
    )


def test_a_second_render_reads_no_site_locale_or_restrictions(client):
    issue = an_issue()
    tables_read(client, issue.url)
    _, sql = tables_read(client, issue.url)
    assert not reads(sql, "wagtailcore_site")
    assert not reads(sql, "wagtailcore_locale")
    assert not reads(sql, "wagtailcore_pageviewrestriction")


def test_a_page_made_private_asks_for_the_password_on_the_next_request(client):
    issue = an_issue()
    assert client.get(issue.url).status_code == 200  # "nothing is private" remembered
    restriction = PageViewRestriction.objects.create(
        page=issue, restriction_type=PageViewRestriction.PASSWORD, password="tra-2026"
    )
    response = client.get(issue.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    # Made public again: the page is back for everyone on the next request.
    restriction.delete()
    response = client.get(issue.url)
    assert 'name="password"' not in response.content.decode()
    assert issue.title in response.content.decode()


def test_a_page_below_a_private_section_is_private_too(client):
    issue = an_issue()
    article = issue.get_children().live().first()
    assert article is not None
    client.get(article.url)
    PageViewRestriction.objects.create(
        page=issue, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(article.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_site_moved_to_another_root_serves_it_on_the_next_request(client):
    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    other_root = home.add_child(
        instance=Page(title="Winter appeal", slug="winter-appeal", live=True)
    )
    site.root_page = other_root
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "<title>Winter appeal" in response.content.decode()
    site.root_page = home
    site.save()
    assert home.title in client.get("/").content.decode()


def test_a_locale_changed_is_read_afresh_on_the_next_request(client):
    tables_read(client, "/pl/")
    _, sql = tables_read(client, "/pl/")
    assert not reads(sql, "wagtailcore_locale")
    Locale.objects.get(language_code="pl").save()
    _, sql = tables_read(client, "/pl/")
    assert reads(sql, "wagtailcore_locale")


def test_nothing_is_remembered_outside_a_request():
    sitewide.forget()
    with CaptureQueriesContext(connection) as queries:
        Locale.get_active()
        Locale.get_active()
    assert len(queries.captured_queries) == 2
    assert not sitewide._remembered
