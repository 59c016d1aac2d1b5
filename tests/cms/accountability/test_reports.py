"""Board and residents' reports: made from the performance screen as drafts with
a frozen copy of the figures, published through the usual workflow, listed on
"How we are doing", and never moved by later changes to the records."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.accountability.models import PerformanceReportPage, ReportIndexPage
from portal.core.models import AuditEntry
from portal.reports import periods
from portal.reports.scopes import Scope
from portal.reports.selectors import performance
from portal.reports.snapshot import snapshot_sections, take_snapshot
from tests.conftest import sign_in
from tests.portal.reports.test_page import _grow

pytestmark = pytest.mark.django_db
SCREEN = "/admin/reports/involvement-performance/"
INDEX = "/how-we-are-doing/"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Each request renders (the cache has its own test below)."""
    settings.INVOLVE_PAGE_CACHE_SECONDS = 0


def this_year():
    from portal.core.dates import london_today

    return periods.financial_year(london_today())


def create(client, *, audience="board", title="", period=None):
    data = period or {"period": "year", "year": str(this_year())}
    return client.post(SCREEN, {**data, "audience": audience, "title": title})


def report_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<article class="performance-report">') :].split(
        "</article>"
    )[0]


def publish(page, user=None):
    page = page.get_latest_revision_as_object()
    page.save_revision(user=user).publish(user=user)
    return PerformanceReportPage.objects.get(pk=page.pk)


def live_values(period, scope):
    return {
        row.measure.key: (row.figure.value, row.figure.count, row.figure.of, row.rating)
        for _section, rows in performance(period, scope)
        for row in rows
    }


def frozen_values(snapshot):
    return {
        row.measure.key: (row.figure.value, row.figure.count, row.figure.of, row.rating)
        for _section, rows in snapshot_sections(snapshot)
        for row in rows
    }


# --- who may make a report ------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["resident@example.org", "chair@example.org", "editor@example.org"]
)
def test_residents_group_officers_and_editors_cannot_make_a_report(client, email):
    sign_in(client, email)
    before = PerformanceReportPage.objects.count()
    response = create(client, title="Sneaky report")
    assert response.status_code in {302, 403}
    assert "/admin/pages/" not in response.get("Location", "")
    assert PerformanceReportPage.objects.count() == before


@pytest.mark.parametrize("email", ["officer@example.org", "admin@example.org"])
def test_officers_and_administrators_make_a_draft_and_land_in_the_editor(client, email):
    sign_in(client, email)
    screen = client.get(SCREEN + f"?period=quarter&year={this_year()}&quarter=2")
    assert "Create a report from these figures" in screen.content.decode()
    response = create(
        client,
        audience="residents",
        period={"period": "quarter", "year": str(this_year()), "quarter": "2"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PerformanceReportPage.objects.latest("pk")
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.first_published_at is None
    assert page.get_parent().specific_class is ReportIndexPage
    assert page.title == (
        f"Residents' annual report: Quarter 2 of {periods.year_label(this_year())} "
        f"({page.period_label.split('(')[1]}"
    )
    assert page.snapshot["made_by"] == page.owner.pk
    assert page.snapshot["period"]["first"] == page.period_first.isoformat()
    assert AuditEntry.objects.filter(
        action="accountability.report_drafted", object_id=str(page.pk)
    ).exists()
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert "Refresh the figures from the records" in editor.content.decode()


def test_the_residents_version_goes_to_the_readers_panel_the_board_one_does_not(
    client,
):
    from cms.magazines.workflows import readers_panel_workflow

    sign_in(client, "officer@example.org")
    readers = readers_panel_workflow()
    assert readers is not None
    create(client, audience="residents")
    residents = PerformanceReportPage.objects.latest("pk")
    assert residents.get_workflow() == readers
    create(client, audience="board")
    board = PerformanceReportPage.objects.latest("pk")
    assert board.audience == "board"
    assert board.get_workflow() != readers
    # The officer sends the residents' version for review: the Readers Panel's
    # task is the one waiting.
    workflow_state = readers.start(residents, residents.owner)
    assert workflow_state.current_task_state.task.name == "Readers Panel review"


def test_a_report_without_an_audience_is_explained_not_made(client):
    sign_in(client, "officer@example.org")
    before = PerformanceReportPage.objects.count()
    response = create(client, audience="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "This field is required" in page
    assert PerformanceReportPage.objects.count() == before


def test_without_a_how_we_are_doing_page_the_officer_is_told_why(client):
    ReportIndexPage.objects.all().delete()
    sign_in(client, "officer@example.org")
    response = create(client)
    assert response.status_code == 200
    assert "There is no “How we are doing” page" in response.content.decode()


# --- the snapshot ----------------------------------------------------------------


def test_the_snapshot_holds_the_live_figures_of_that_moment(client):
    period = periods.whole_year(this_year())
    scope = Scope(label="The whole landlord")
    sign_in(client, "officer@example.org")
    create(client)
    page = PerformanceReportPage.objects.latest("pk")
    live = live_values(period, scope)
    assert frozen_values(page.snapshot) == live
    assert len(live) >= 18
    # targets and definitions travel with the figures
    rows = [row for s in page.snapshot["sections"] for row in s["rows"]]
    assert all(row["definition"] for row in rows)
    assert any(row["target"] is not None for row in rows)


def test_an_estate_report_freezes_the_estate_figures():
    from portal.housing.models import Estate

    estate = Estate.objects.order_by("pk").first()
    scope = Scope(area_id=estate.area_id, estate_id=estate.pk, label=str(estate))
    period = periods.whole_year(this_year())
    snapshot = take_snapshot(period, scope, made_by=None)
    assert snapshot["scope"] == {
        "area_id": estate.area_id,
        "estate_id": estate.pk,
        "body_id": None,
        "label": str(estate),
    }
    assert frozen_values(snapshot) == live_values(period, scope)


def test_publishing_then_changing_the_records_leaves_the_report_as_published(
    client,
):
    officer_client = client
    sign_in(officer_client, "officer@example.org")
    create(officer_client, title="Board report this year")
    page = publish(PerformanceReportPage.objects.latest("pk"))
    officer_client.logout()
    before_html = report_html(client, page)
    period = periods.whole_year(this_year())
    scope = Scope(label="The whole landlord")
    before_live = live_values(period, scope)
    _grow(3)
    after_live = live_values(period, scope)
    changed = {k for k in before_live if before_live[k] != after_live[k]}
    assert {"meetings_held", "people_taking_part"} & changed, changed
    page.refresh_from_db()
    assert frozen_values(page.snapshot) == before_live
    assert report_html(client, page) == before_html


# --- refreshing a draft --------------------------------------------------------


def test_a_never_published_draft_can_be_refreshed_from_the_records(client):
    sign_in(client, "officer@example.org")
    create(client)
    page = PerformanceReportPage.objects.latest("pk")
    made_at = page.snapshot["made_at"]
    _grow(2)
    url = f"/admin/reports/how-we-are-doing/{page.pk}/refresh/"
    assert "Take the figures again" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.snapshot["made_at"] > made_at
    assert page.snapshot == draft.snapshot
    assert frozen_values(draft.snapshot) == live_values(
        periods.whole_year(this_year()), Scope(label="The whole landlord")
    )
    assert AuditEntry.objects.filter(
        action="accountability.report_refreshed", object_id=str(page.pk)
    ).exists()


def test_a_published_report_cannot_be_refreshed_even_once_unpublished(client):
    sign_in(client, "officer@example.org")
    create(client)
    page = publish(PerformanceReportPage.objects.latest("pk"))
    frozen = page.snapshot
    url = f"/admin/reports/how-we-are-doing/{page.pk}/refresh/"
    _grow(1)
    response = client.post(url)
    assert response.status_code == 409
    assert "has been published" in response.content.decode()
    page.unpublish()
    assert client.post(url).status_code == 409
    page.refresh_from_db()
    assert page.snapshot == frozen
    assert page.get_latest_revision_as_object().snapshot == frozen
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Refresh the figures from the records" not in editor


@pytest.mark.parametrize("email", ["resident@example.org", "editor@example.org"])
def test_only_report_makers_may_refresh(client, email):
    sign_in(client, "officer@example.org")
    create(client)
    page = PerformanceReportPage.objects.latest("pk")
    made_at = page.snapshot["made_at"]
    client.logout()
    sign_in(client, email)
    response = client.post(f"/admin/reports/how-we-are-doing/{page.pk}/refresh/")
    assert response.status_code in {302, 403}
    page.refresh_from_db()
    assert page.snapshot["made_at"] == made_at


# --- the public pages -----------------------------------------------------------


def test_the_index_lists_only_published_reports_newest_period_first(client):
    sign_in(client, "officer@example.org")
    create(client, title="A draft nobody should see yet")
    client.logout()
    html = client.get(INDEX).content.decode()
    assert "A draft nobody should see yet" not in html
    published = list(
        PerformanceReportPage.objects.live()
        .order_by("-period_last")
        .values_list("title", flat=True)
    )
    assert len(published) == 2
    positions = [html.index(title.replace("'", "&#x27;")) for title in published]
    assert positions == sorted(positions)
    assert "Board report" in html and "Residents&#x27; annual report" in html
    draft = PerformanceReportPage.objects.get(title="A draft nobody should see yet")
    assert client.get(draft.url or "/how-we-are-doing/a-draft/").status_code == 404


def test_the_report_shows_each_measure_in_words_with_a_table(client):
    page = PerformanceReportPage.objects.live().get(slug="board-report-last-quarter")
    html = report_html(client, page)
    sections = snapshot_sections(page.snapshot)
    for _section, rows in sections:
        for row in rows:
            assert f'id="measure-{row.measure.key}"' in html
    assert "How it is worked out:" in html
    assert "All the figures at a glance" in html
    ratings = re.findall(r'class="rating rating--\w+">([^<]+)<', html)
    assert ratings and set(ratings) <= {
        "Target met",
        "Close to target",
        "Target missed",
    }
    assert "See the records behind" not in html  # no admin links in public


def test_the_report_page_never_reads_the_records_and_stays_flat(client):
    page = PerformanceReportPage.objects.live().get(slug="residents-annual-report")
    client.get(page.url)  # warm settings and chrome
    with CaptureQueriesContext(connection) as before:
        assert client.get(page.url).status_code == 200
    _grow(4)
    with CaptureQueriesContext(connection) as after:
        assert client.get(page.url).status_code == 200
    assert len(after) == len(before)
    assert len(after) <= 12, [q["sql"][:120] for q in after]
    record_tables = ("meetings_", "participation_", "consultations_", "expenses_")
    assert not [q for q in after if any(t in q["sql"] for t in record_tables)]


def test_the_index_query_count_does_not_grow_with_reports(client):
    client.get(INDEX)
    with CaptureQueriesContext(connection) as before:
        client.get(INDEX)
    index = ReportIndexPage.objects.get()
    snapshot = PerformanceReportPage.objects.live().first().snapshot
    from cms.accountability.services import apply_snapshot

    for n in range(3):
        page = PerformanceReportPage(title=f"Extra report {n}", slug=f"extra-{n}")
        page.audience = "board"
        apply_snapshot(page, snapshot)
        index.add_child(instance=page)
        page.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        html = client.get(INDEX).content.decode()
    assert "Extra report 2" in html
    assert len(after) == len(before) <= 12, [q["sql"][:100] for q in after]


def test_publishing_a_report_purges_the_cached_index_and_page(client, settings):
    settings.INVOLVE_PAGE_CACHE_SECONDS = 300
    page = PerformanceReportPage.objects.live().get(slug="board-report-last-quarter")
    for path in (INDEX, page.url):
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
    draft = page.get_latest_revision_as_object()
    draft.title = "Board report, with the chair's foreword"
    draft.save_revision().publish()
    for path in (INDEX, page.url):
        response = client.get(path)
        assert response["X-Cache"] == "MISS", path
        assert "Board report, with the chair&#x27;s foreword" in (
            response.content.decode()
        )


def test_the_editors_checker_does_not_take_the_figures_for_headings(client):
    """Wagtail's content checker, shown to staff who may edit a report, is told
    the large figure under each measure is a number, not a paragraph styled as a
    heading (without it, every figure carried an inline warning)."""
    page = PerformanceReportPage.objects.live().get(slug="board-report-last-quarter")
    sign_in(client, "officer@example.org")
    html = client.get(page.url).content.decode()
    config = re.search(
        r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>',
        html,
        re.S,
    )
    assert config, "the officer sees Wagtail's content checker on the report"
    assert ".measure__figure" in config.group(1)
    assert 'class="measure__figure"' in html
