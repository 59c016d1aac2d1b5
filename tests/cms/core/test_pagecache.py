"""The page cache: anonymous visitors get public pages from the cache, everyone
else never does, and every change that shows publicly purges what shows it (the
next anonymous request sees it)."""

import datetime

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Locale, Page

from cms.consultations.models import ConsultationPage
from cms.core.models import LandlordSettings
from cms.magazines.models import ArticlePage, IssueFormat, MagazineIssuePage
from cms.meetings.models import MeetingPage, MeetingPaper, Venue
from portal.accounts.models import User
from portal.groups.models import Group, RecognitionApplication
from portal.groups.services import group_derecognise, recognition_decide
from tests.cms.meetings.conftest import make_meeting
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.INVOLVE_PAGE_CACHE_SECONDS = 300


def get(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response


def test_anonymous_pages_are_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    for path in ["/", "/ar/", "/magazine/", "/meetings/", "/consultations/"]:
        first = get(client, path)
        assert first["X-Cache"] == "MISS"
        assert "public" in first["Cache-Control"]
        assert first.has_header("Last-Modified")
        with django_assert_num_queries(0):
            second = get(client, path)
        assert second["X-Cache"] == "HIT"
        assert second.content == first.content
        assert second.has_header("ETag")


def test_each_language_has_its_own_copy(client):
    english = get(client, "/").content.decode()
    arabic = get(client, "/ar/").content.decode()
    assert 'lang="en-gb"' in english
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    assert 'lang="ar"' in get(client, "/ar/").content.decode()


def test_signed_in_people_are_never_served_or_stored(client):
    get(client, "/meetings/")
    sign_in(client, "resident@example.org")
    response = get(client, "/meetings/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "Sign out" in response.content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = get(client, "/meetings/")
    assert "Sign out" not in anonymous.content.decode()


def test_a_session_cookie_bypasses_the_cache(client):
    get(client, "/magazine/")
    client.cookies["sessionid"] = "anything"
    assert "X-Cache" not in get(client, "/magazine/")


def test_a_page_with_a_csrf_form_is_not_kept_and_its_form_still_posts(client):
    article = ArticlePage.objects.live().filter(locale=Locale.get_default()).first()
    path = f"/other-formats/?page={article.pk}"
    first = client.get(path)
    assert "csrftoken" in first.cookies
    second = client.get(path)
    assert second.get("X-Cache") != "HIT"
    token = client.cookies["csrftoken"].value
    form = second.content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    posted = client.post(
        path,
        {
            "csrfmiddlewaretoken": token,
            "page": article.pk,
            "format": "large_print",
            "language": "en-gb",
            "name": "A Resident",
            "delivery": "email",
            "email": "someone@example.org",
        },
    )
    assert posted.status_code in (200, 302)
    assert posted.status_code != 403


def test_a_cached_page_s_search_form_still_works(client):
    get(client, "/")
    page = get(client, "/")
    assert page["X-Cache"] == "HIT"
    assert 'action="/search/"' in page.content.decode()
    assert get(client, "/search/?q=rent").status_code == 200


def test_publishing_a_meeting_purges_it_its_index_the_home_page_and_feeds(client):
    meeting = make_meeting(
        days_ahead=2,
        title="Estate walkabout",
        short_notice_reason="The room came free.",
    )
    paths = [meeting.url, "/meetings/", "/", "/meetings/calendar.ics"]
    for path in paths:
        get(client, path)
        assert get(client, path)["X-Cache"] == "HIT"
    meeting.title = "Estate walkabout with the housing officer"
    meeting.save_revision().publish()
    for path in paths:
        response = get(client, path)
        assert response["X-Cache"] == "MISS", path
        if path != "/":  # the home page shows only the next three meetings
            assert "Estate walkabout with the housing" in response.content.decode()


def test_a_cancelled_meeting_shows_cancelled_in_the_next_feed(client):
    meeting = make_meeting(
        days_ahead=3, title="Budget meeting", short_notice_reason="The room came free."
    )
    ics = f"/meetings/event/{meeting.pk}.ics"
    assert "STATUS:CONFIRMED" in get(client, ics).content.decode()
    assert get(client, ics)["X-Cache"] == "HIT"
    meeting.status = MeetingPage.Status.CANCELLED
    meeting.status_reason = "The hall is closed."
    meeting.apology = "We are sorry."
    meeting.save_revision().publish()
    assert "STATUS:CANCELLED" in get(client, ics).content.decode()
    assert "Cancelled" in get(client, meeting.url).content.decode()


def test_unpublishing_and_deleting_take_a_page_off_its_listings(client):
    issue = MagazineIssuePage.objects.live().filter(locale=Locale.get_default())[0]
    article = issue.get_children().live().specific().first()
    for path in [issue.url, article.url]:
        get(client, path)
    assert article.title in get(client, issue.url).content.decode()
    article.unpublish()
    assert article.title not in get(client, issue.url).content.decode()
    assert client.get(article.url).status_code == 404
    other = issue.get_children().live().first()
    assert other.title in get(client, issue.url).content.decode()
    other.delete()
    assert other.title not in get(client, issue.url).content.decode()


def test_moving_a_page_purges_where_it_was_and_where_it_went(client):
    issues = MagazineIssuePage.objects.live().filter(locale=Locale.get_default())
    source, target = issues[0], issues[1]
    article = source.get_children().live().first()
    get(client, source.url)
    get(client, target.url)
    article.move(target, pos="last-child")
    assert article.title not in get(client, source.url).content.decode()
    assert article.title in get(client, target.url).content.decode()


def test_a_page_title_change_reaches_the_breadcrumbs_below_it(client):
    issue = MagazineIssuePage.objects.live().filter(locale=Locale.get_default())[0]
    article = issue.get_children().live().first()
    get(client, article.url)
    issue.title = "Spring special"
    issue.save_revision().publish()
    assert "Spring special" in get(client, article.url).content.decode()


def test_landlord_settings_purge_the_chrome_of_every_page(client):
    get(client, "/magazine/")
    landlord = LandlordSettings.objects.first()
    landlord.phone = "0300 123 9876"
    landlord.save()
    assert "0300 123 9876" in get(client, "/magazine/").content.decode()


def test_a_group_derecognised_leaves_the_directory(client):
    officer = User.objects.get(email="officer@example.org")
    group = Group.objects.get(name__startswith="Anchor House")
    assert group.name in get(client, "/groups/").content.decode()
    assert get(client, "/groups/")["X-Cache"] == "HIT"
    group_derecognise(group=group, officer=officer, reason="No AGM for two years.")
    assert group.name not in get(client, "/groups/").content.decode()


def test_a_group_newly_recognised_joins_the_directory(client):
    officer = User.objects.get(email="officer@example.org")
    application = RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.PENDING
    ).first()
    group = application.group
    assert group.name not in get(client, "/groups/").content.decode()
    assert get(client, "/groups/")["X-Cache"] == "HIT"
    recognition_decide(
        application=application,
        officer=officer,
        approve=True,
        reason="Constitution, AGM and sign-up evidence in order.",
    )
    assert group.name in get(client, "/groups/").content.decode()


def test_a_consultation_is_kept_no_later_than_its_closing_time(client):
    consultation = ConsultationPage.objects.live().get(
        slug="orchard-park-green-space", locale=Locale.get_default()
    )
    closes = consultation.closes_at
    with time_machine.travel(closes - datetime.timedelta(minutes=2), tick=False):
        assert get(client, consultation.url)["X-Cache"] == "MISS"
        assert get(client, consultation.url)["X-Cache"] == "HIT"
        assert get(client, "/consultations/")["X-Cache"] == "MISS"
    with time_machine.travel(closes + datetime.timedelta(seconds=1), tick=False):
        after = get(client, consultation.url)
        assert after["X-Cache"] == "MISS"
        assert consultation.status(timezone.now()) == "awaiting_outcome"
        assert get(client, "/consultations/")["X-Cache"] == "MISS"


def test_ics_feeds_answer_304_when_nothing_changed(client):
    first = get(client, "/meetings/calendar.ics")
    etag = first["ETag"]
    again = client.get("/meetings/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    since = client.get(
        "/meetings/calendar.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304
    make_meeting(
        days_ahead=5, title="A new meeting", short_notice_reason="The room came free."
    )
    changed = client.get("/meetings/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "A new meeting" in changed.content.decode()


def test_grant_awards_are_cached_and_follow_award_changes(client):
    from portal.grants.models import GrantApplication

    first = get(client, "/grants/awards.json")
    assert get(client, "/grants/awards.json")["X-Cache"] == "HIT"
    award = GrantApplication.objects.filter(
        status__in=["approved", "paid"], group__isnull=False
    ).first()
    if award is None:
        pytest.fail("the demo has an award to a group")
    award.purpose = "Bulbs for the shared garden"
    award.save(update_fields=["purpose"])
    after = get(client, "/grants/awards.json")
    assert after["X-Cache"] == "MISS"
    assert "Bulbs for the shared garden" in after.content.decode()
    assert after.content != first.content


def test_off_when_the_setting_is_zero(client, settings):
    settings.INVOLVE_PAGE_CACHE_SECONDS = 0
    get(client, "/")
    assert "X-Cache" not in get(client, "/")


def test_an_action_moving_on_purges_the_consultation_that_promised_it(client):
    from portal.actions.models import Action, ConsultationAction
    from portal.actions.services import action_status_change

    link = ConsultationAction.objects.select_related("page", "action").first()
    page, action = link.page, link.action
    assert action.status == Action.Status.IN_PROGRESS
    get(client, page.url)
    assert get(client, page.url)["X-Cache"] == "HIT"
    action_status_change(
        action=action,
        actor=User.objects.get(email="officer@example.org"),
        to_status=Action.Status.DONE,
        done_on=timezone.localdate(),
        evidence="New benches are in.",
    )
    after = get(client, page.url)
    assert after["X-Cache"] == "MISS"
    assert "Done" in after.content.decode()


def test_an_inspection_schedule_change_reaches_its_opportunity_page(client):
    """The "Estate inspections" opportunity lists the estates inspected from the
    schedules kept in the admin, not from the page: editing them purges it."""
    from portal.inspections.models import EstateSchedule

    schedule = EstateSchedule.objects.select_related("estate", "opportunity").first()
    url = schedule.opportunity.url
    assert "Inspected every month." in get(client, url).content.decode()
    assert get(client, url)["X-Cache"] == "HIT"
    schedule.every_months = 3
    schedule.save()
    assert "Inspected every 3 months." in get(client, url).content.decode()
    schedule.estate.name = "Renamed Estate"
    schedule.estate.save()
    assert "Renamed Estate" in get(client, url).content.decode()
    schedule.delete()
    assert (
        f"Results for {schedule.estate.name}" not in get(client, url).content.decode()
    )


def test_an_area_renamed_reaches_the_filters_and_the_group_directory(client):
    from portal.housing.models import Area

    group = Group.objects.get(name__startswith="Anchor House")
    estate = group.estates.first() or group.streets.first().estate
    area = Area.objects.get(estates=estate)
    for path in ["/meetings/", "/groups/"]:
        assert area.name in get(client, path).content.decode()
        assert get(client, path)["X-Cache"] == "HIT"
    area.name = "Renamed Area"
    area.save()
    for path in ["/meetings/", "/groups/"]:
        assert "Renamed Area" in get(client, path).content.decode(), path


def test_a_named_officer_renamed_reaches_the_directory_a_sign_in_does_not(client):
    """The directory names the officers who agreed to it: a new name shows at
    once, and signing in (Django saves `last_login` alone) purges nothing."""
    chair = User.objects.get(email="chair@example.org")
    assert chair.get_full_name() in get(client, "/groups/").content.decode()
    assert get(client, "/groups/")["X-Cache"] == "HIT"
    chair.first_name = "Renamed"
    chair.save()
    assert "Renamed " in get(client, "/groups/").content.decode()
    sign_in(Client(), "chair@example.org")
    assert get(client, "/groups/")["X-Cache"] == "HIT"


def cached_meeting_with_paper(client, title):
    """A meeting page with a paper, in the cache."""
    meeting = MeetingPage.objects.get(pk=make_meeting(days_ahead=40).pk)
    document = Document.objects.create(title=title)
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=True)
    meeting.papers.add(MeetingPaper(title=title, document=document))
    meeting.save_revision().publish()
    assert document.url in get(client, meeting.url).content.decode()
    assert get(client, meeting.url)["X-Cache"] == "HIT"
    return meeting, document


def test_a_meeting_paper_s_document_deleted_leaves_its_page(client):
    """A paper is a row beside the live page that goes with its document: a
    document deleted takes the paper off the page without a publish."""
    meeting, document = cached_meeting_with_paper(client, "Budget for 2027")
    document.delete()
    assert "Budget for 2027" not in get(client, meeting.url).content.decode()


def test_a_meeting_paper_s_document_replaced_changes_its_link(client):
    meeting, document = cached_meeting_with_paper(client, "Budget for 2027")
    document.file.save("budget-revised.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert document.url in get(client, meeting.url).content.decode()


def test_a_magazine_s_large_print_file_deleted_leaves_the_issue_page(client):
    """Any page's use of a document is found through Wagtail's reference index,
    not only meeting papers: here an issue's "Download this issue" list."""
    issue = MagazineIssuePage.objects.live().filter(locale=Locale.get_default()).last()
    document = Document.objects.create(title="Large print edition")
    document.file.save("large-print.pdf", ContentFile(b"%PDF-1.4"), save=True)
    issue.formats.add(IssueFormat(kind="large_print", document=document))
    issue.save_revision().publish()
    assert document.url in get(client, issue.url).content.decode()
    assert get(client, issue.url)["X-Cache"] == "HIT"
    url = document.url
    document.delete()
    assert url not in get(client, issue.url).content.decode()


def test_whether_a_model_is_shown_everywhere_is_worked_out_once(monkeypatch):
    """Every save asks whether its model is shared (a snippet, a setting): the
    answer is looked up once per model, and each change still purges."""
    from cms.core import pagecache, signals

    lookups = []
    snippet_models = signals.get_snippet_models
    monkeypatch.setattr(
        signals, "get_snippet_models", lambda: lookups.append(1) or snippet_models()
    )
    signals.shown_everywhere.cache_clear()
    venue = Venue.objects.first()
    versions = set()
    for _ in range(3):
        venue.save()
        versions.add(pagecache.versions_token([pagecache.SITE]))
    assert len(versions) == 3
    assert len(lookups) == 1


def test_a_venue_changed_reaches_the_meeting_pages_that_show_it(client):
    """Venues and bodies are snippets, edited outside the page editor."""
    meeting = (
        MeetingPage.objects.live()
        .filter(locale=Locale.get_default(), venue__isnull=False)
        .select_related("venue")
        .first()
    )
    assert meeting.venue.name in get(client, meeting.url).content.decode()
    assert get(client, meeting.url)["X-Cache"] == "HIT"
    meeting.venue.parking = "Free parking behind the hall"
    meeting.venue.save()
    assert "Free parking behind the hall" in get(client, meeting.url).content.decode()


def competition(number):
    from cms.magazines.models import CompetitionPage

    return CompetitionPage.objects.get(
        slug=f"issue-{number}-competition", locale=Locale.get_default()
    )


def test_a_competition_is_kept_no_later_than_its_closing_time(client):
    page = competition(8)
    with time_machine.travel(page.closes_at - datetime.timedelta(minutes=2)):
        assert "Sign in to enter" in get(client, page.url).content.decode()
        assert get(client, page.url)["X-Cache"] == "HIT"
    with time_machine.travel(page.closes_at + datetime.timedelta(seconds=1)):
        after = get(client, page.url).content.decode()
    assert "Sign in to enter" not in after
    assert "This competition closed" in after


def test_a_competition_drawn_says_so_at_once(client):
    from cms.magazines.services import competition_draw

    page = competition(7)
    assert "The winner has been drawn" not in get(client, page.url).content.decode()
    assert get(client, page.url)["X-Cache"] == "HIT"
    competition_draw(
        competition=page, actor=User.objects.get(email="editor@example.org")
    )
    assert "The winner has been drawn" in get(client, page.url).content.decode()


def test_a_page_from_the_cache_keeps_its_security_headers(client):
    first = get(client, "/magazine/")
    again = get(client, "/magazine/")
    assert again["X-Cache"] == "HIT"
    for header in ["Content-Security-Policy", "X-Frame-Options"]:
        assert again.get(header) == first[header], header


def test_a_page_expired_by_the_scheduler_leaves_its_cached_listings(client):
    """Wagtail's `publish_scheduled` unpublishes expired pages through the same
    action as an editor, so the purge follows."""
    from django.core.management import call_command

    issue = MagazineIssuePage.objects.live().filter(locale=Locale.get_default())[0]
    article = issue.get_children().live().first()
    assert article.title in get(client, issue.url).content.decode()
    assert get(client, issue.url)["X-Cache"] == "HIT"
    Page.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", verbosity=0)
    assert article.title not in get(client, issue.url).content.decode()
