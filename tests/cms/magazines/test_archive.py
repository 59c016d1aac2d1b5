"""The archive: newest first by year, a year filter, pages of issues, RSS and Atom
feeds, search, and a query count that does not grow with the number of issues."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from cms.magazines.models import ISSUES_PER_PAGE, MagazineIndexPage, MagazineIssuePage

pytestmark = pytest.mark.django_db


def _index():
    return MagazineIndexPage.objects.get(slug="magazine", locale__language_code="en-gb")


def test_archive_lists_issues_newest_first_grouped_by_year(client):
    response = client.get("/magazine/")
    assert response.status_code == 200
    html = response.content.decode()
    titles = [i.title for i in response.context["issues"]]
    assert titles[0] == "Your voice, your homes"  # issue 8, autumn 2026
    assert titles.index("Green spaces") < titles.index("Safe at home")
    assert html.index('id="year-2026"') < html.index('id="year-2025"')
    assert "Issue 8, Autumn 2026" in html
    assert 'alt="Cover of issue 8: Your voice, your homes"' in html


def test_year_filter_and_an_unknown_year(client):
    response = client.get("/magazine/?year=2025")
    years = {i.publication_date.year for i in response.context["issues"]}
    assert years == {2025}
    assert len(response.context["issues"]) == 4
    # A year with no issues (or nonsense) shows everything, never an error.
    response = client.get("/magazine/?year=1999")
    assert response.status_code == 200
    assert len(response.context["issues"]) == 8


def test_only_live_issues_in_the_visitors_language(client):
    issue = MagazineIssuePage.objects.get(slug="issue-1", locale__language_code="en-gb")
    issue.unpublish()
    response = client.get("/magazine/")
    assert "Warm homes this winter" not in response.content.decode()
    polish = client.get("/pl/magazine/")
    assert [i.title for i in polish.context["issues"]] == ["Twój głos, twoje domy"]


def test_rss_and_atom_feeds_list_the_issues(client):
    rss = client.get("/magazine/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(rss.content).findall("./channel/item")  # noqa: S314 (our own feed)
    assert len(items) == 8
    assert items[0].findtext("title") == "Your voice, your homes (Autumn 2026)"
    assert items[0].findtext("link") == "http://testserver/magazine/issue-8/"
    atom = client.get("/magazine/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")  # noqa: S314
    assert len(entries) == 8
    # The archive page tells feed readers where the feeds are.
    html = client.get("/magazine/").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_search_finds_issues_and_articles(client):
    response = client.get("/search/?q=heating bills")
    titles = {r.title for r in response.context["results_page"]}
    assert {"Staying warm for less", "Warm homes this winter"} <= titles


def test_issue_page_lists_contents_and_formats_with_type_and_size(client):
    response = client.get("/magazine/issue-8/")
    html = response.content.decode()
    assert "Repairs: how we did" in html
    assert "Win a winter hamper" in html
    # The draft waiting for the Readers Panel is not public.
    assert "New bins" not in html
    for label in ["PDF", "Large print PDF", "Audio", "Easy read"]:
        assert f"{label}: Your voice, your homes" in html
    assert "(WAV, 15.7\xa0KB)" in html
    assert "(PDF, 193\xa0bytes)" in html
    assert "Ask for this issue in another format" in html


def _add_issues(index, count, cover):
    start = datetime.date(2000, 1, 1)
    for n in range(count):
        index.add_child(
            instance=MagazineIssuePage(
                title=f"Old issue {n}",
                slug=f"old-{n}",
                issue_number=100 + n,
                season="spring",
                publication_date=start + datetime.timedelta(days=91 * n),
                cover=cover,
                cover_alt="An old cover",
            )
        )


def test_archive_query_count_is_the_same_with_200_issues(
    client, django_assert_max_num_queries
):
    index = _index()
    # Warm the renditions so both runs compare only listing queries.
    client.get("/magazine/")
    with django_assert_max_num_queries(30) as before:
        client.get("/magazine/")
    _add_issues(
        index, 200, MagazineIssuePage.objects.filter(slug="issue-8").first().cover
    )
    for page_number in (1, 2, 17):
        client.get(f"/magazine/?page={page_number}")
    with django_assert_max_num_queries(30) as after:
        response = client.get("/magazine/?page=2")
    assert len(response.context["issues"]) == ISSUES_PER_PAGE
    assert len(after) == len(before)


@pytest.mark.parametrize(
    ("code", "title", "words"),
    [
        ("pl", "Naprawy: jak nam poszło", "Obiecaliśmy naprawiać pilne usterki"),
        ("bn", "মেরামত: আমরা কেমন করেছি", "মেরামতে দেরি হলে আমাদের জানান"),
        ("ar", "الإصلاحات: كيف كان أداؤنا", "إذا تأخر الإصلاح، أخبرنا"),
    ],
)
def test_the_newest_issue_is_in_every_demo_language(client, code, title, words):
    issue = client.get(f"/{code}/magazine/issue-8/").content.decode()
    assert title in issue
    article = client.get(f"/{code}/magazine/issue-8/issue-8-1/").content.decode()
    assert words in article
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}"' in article


def test_issue_article_and_competition_pages_have_pinned_query_counts(
    client, django_assert_max_num_queries
):
    """Measured: issue 28 (most are the chrome), article 23, competition 25. An
    issue with ten more articles costs no more queries."""
    from cms.magazines.models import ArticlePage

    issue = MagazineIssuePage.objects.filter(slug="issue-8").first()
    pages = {
        issue.url: 28,
        "/magazine/issue-8/issue-8-1/": 23,
        "/magazine/issue-8/issue-8-competition/": 25,
    }
    for url, ceiling in pages.items():
        client.get(url)
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200
    for n in range(10):
        issue.add_child(instance=ArticlePage(title=f"More {n}", slug=f"more-{n}"))
    client.get(issue.url)
    with django_assert_max_num_queries(28):
        assert "More 9" in client.get(issue.url).content.decode()
