"""Query budgets for renders that miss the page cache: public pages at most 15
queries, portal pages at most 20 (the chrome comes from cached fragments; the
chair's group page counts its evidence and progress once; the dashboard has its
own pin)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.consultations.models import ConsultationPage
from cms.magazines.models import ArticlePage, MagazineIssuePage
from cms.meetings.models import MeetingPage
from portal.accounts.models import User
from portal.expenses.models import ExpenseClaim
from portal.grants.models import GrantApplication
from portal.groups.models import Group
from tests.conftest import sign_in
from tests.portal.core.test_dashboard import DASHBOARD_QUERIES

pytestmark = pytest.mark.django_db

PUBLIC_BUDGET = 15
PORTAL_BUDGET = 20


def _url(model):
    return model.objects.live().filter(locale=Locale.get_default()).last().url


def _queries(client, path) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in captured.captured_queries]


def _assert_within(client, path, budget):
    cold = _queries(client, path)  # fills the chrome fragments
    warm = _queries(client, path)
    assert len(warm) <= budget, f"{path}: {len(warm)} queries\n" + "\n".join(
        sql[:160] for sql in warm
    )
    assert len(warm) <= len(cold)


def test_public_pages_stay_within_budget(client):
    paths = [
        "/",
        "/ar/",
        "/magazine/",
        _url(MagazineIssuePage),
        _url(ArticlePage),
        "/meetings/",
        _url(MeetingPage),
        "/consultations/",
        _url(ConsultationPage),
        "/get-involved/",
        "/groups/",
    ]
    for path in paths:
        _assert_within(client, path, PUBLIC_BUDGET)


# Every portal page a person opens from the menu or a card (the dashboard has its
# own pin): measured 2–15 queries for the demo chair, the group page the most.
PORTAL_PAGES = [
    "/portal/groups/",
    "/portal/grants/",
    "/portal/grants/panel/",
    "/portal/bank-details/",
    "/portal/expenses/",
    "/portal/expenses/new/",
    "/portal/expenses/pre-approvals/",
    "/portal/expenses/pre-approvals/new/",
    "/portal/notifications/",
    "/portal/involvement/",
    "/portal/home/",
    "/portal/preferences/",
    "/portal/access-needs/",
    "/portal/about-you/",
    "/portal/my-data/",
    "/portal/advocates/",
    "/portal/close-account/",
    "/portal/inspections/",
    "/portal/volunteering/",
    "/portal/training/",
    "/portal/training/skills-audit/",
]
GROUP_PAGES = ["", "officers/", "documents/", "activity/", "evidence/", "bank-details/"]


def test_portal_pages_stay_within_budget(client):
    chair = User.objects.get(email="chair@example.org")
    sign_in(client, chair.email)
    group = Group.objects.get(name__startswith="Anchor")
    claim = ExpenseClaim.objects.filter(claimant=chair).first()
    application = GrantApplication.objects.filter(applicant=chair).first()
    # The dashboard gathers a card from every feature: its own pin, flat as a
    # person's records grow, is in test_dashboard.py.
    _assert_within(client, "/portal/", DASHBOARD_QUERIES)
    for path in [
        *PORTAL_PAGES,
        *(f"/portal/groups/{group.pk}/{page}" for page in GROUP_PAGES),
        f"/portal/expenses/{claim.pk}/",
        f"/portal/grants/applications/{application.pk}/",
    ]:
        _assert_within(client, path, PORTAL_BUDGET)


def test_the_active_locale_is_looked_up_at_most_twice_a_page(client):
    """It was 4–7 lookups a page; Wagtail's routing looks one up directly."""
    client.get("/magazine/")
    for path in ["/magazine/", "/ar/", "/consultations/"]:
        lookups = [
            sql
            for sql in _queries(client, path)
            if 'FROM "wagtailcore_locale"' in sql and "language_code" in sql
        ]
        assert len(lookups) <= 2, (path, lookups)


# 3× the demo's meetings and consultations: past the first page of each listing.
# Run with TIMES = 10 it also passes (5m50s on a shared 2-core machine); 100× took
# over ten minutes, as every page goes through treebeard's tree insert one at a time.
TIMES = 3


def _grow_meetings_and_consultations(times: int) -> None:
    """`times` × the demo's meetings (live pages added straight into the tree, a
    spread of dates past and coming) and consultations (copies of a live one)."""
    import datetime

    from django.utils import timezone

    from cms.meetings.models import MeetingIndexPage

    index = MeetingIndexPage.objects.get(slug="meetings", locale=Locale.get_default())
    sample = MeetingPage.objects.child_of(index).live().first()
    now = timezone.now()
    for i in range(MeetingPage.objects.count() * (times - 1)):
        start = now + datetime.timedelta(days=(i % 400) - 200, hours=i % 7)
        index.add_child(
            instance=MeetingPage(
                title=f"Panel meeting {i}",
                slug=f"panel-meeting-{i}",
                start=start,
                end=start + datetime.timedelta(hours=2),
                body=sample.body,
                venue=sample.venue,
                short_notice_reason="Test data.",
                live=True,
            )
        )
    consultation = (
        ConsultationPage.objects.live().filter(locale=Locale.get_default()).first()
    )
    for i in range(ConsultationPage.objects.count() * (times - 1)):
        consultation.copy(
            update_attrs={"title": f"Have your say {i}", "slug": f"have-your-say-{i}"},
            keep_live=True,
            log_action=None,
        )


def _grow_an_issue(issue, times: int) -> None:
    """`times` × the issue's pages: each of its articles, letters and competition
    copied into it (live), so every page type it lists grows."""
    for child in list(issue.get_children().live().specific()):
        for i in range(times - 1):
            child.copy(
                update_attrs={
                    "title": f"{child.title} {i}",
                    "slug": f"{child.slug}-{i}",
                },
                keep_live=True,
                log_action=None,
            )


def test_public_page_queries_do_not_grow_with_the_content(client):
    issue = MagazineIssuePage.objects.live().filter(locale=Locale.get_default()).last()
    paths = [
        "/",
        issue.url,
        "/meetings/",
        _url(MeetingPage),
        "/consultations/",
        _url(ConsultationPage),
        "/get-involved/",
        "/groups/",
    ]
    before = {}
    for path in paths:
        _queries(client, path)  # fills the chrome fragments
        before[path] = len(_queries(client, path))
    _grow_meetings_and_consultations(TIMES)
    _grow_an_issue(issue, TIMES)
    from django.core.cache import cache

    cache.clear()  # the chrome is rebuilt once, then compare warm with warm
    for path in paths:
        _queries(client, path)
        after = len(_queries(client, path))
        assert after == before[path], path
        assert after <= PUBLIC_BUDGET, path
