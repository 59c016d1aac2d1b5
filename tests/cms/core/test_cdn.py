"""Issue 19: with a CDN configured (INVOLVE_CDN → WAGTAILFRONTENDCACHE), what the
page cache purges reaches the CDN too: a page published, and the group directory
when a group is newly recognised or derecognised. Off by default."""

import pytest
from django.utils.text import slugify
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from cms.core import cdn
from cms.meetings.models import MeetingPage
from portal.accounts.models import User
from portal.groups.models import Group, RecognitionApplication
from portal.groups.services import group_derecognise, recognition_decide

pytestmark = pytest.mark.django_db

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """Stands in for Cloudflare's or CloudFront's API: records what it is asked to
    purge (the only thing not real here is the network call)."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn_on(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.cms.core.test_cdn.RecordingBackend"}
    }
    PURGED.clear()
    yield PURGED
    PURGED.clear()


def purged_paths() -> set[str]:
    return {"/" + url.split("://", 1)[-1].partition("/")[2] for url in PURGED}


def test_off_by_default(settings):
    assert settings.WAGTAILFRONTENDCACHE == {}
    assert not cdn.enabled()


def test_a_group_newly_recognised_purges_the_directory_in_every_language(
    cdn_on, django_capture_on_commit_callbacks
):
    officer = User.objects.get(email="officer@example.org")
    application = RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.PENDING
    ).first()
    with django_capture_on_commit_callbacks(execute=True):
        recognition_decide(
            application=application, officer=officer, approve=True, reason="In order."
        )
    purged = purged_paths()
    assert {"/groups/", "/ar/groups/", "/pl/groups/", "/bn/groups/"} <= purged
    assert f"/groups/{slugify(application.group.name)}/" in purged


def test_a_group_derecognised_purges_the_directory_and_its_page(
    cdn_on, django_capture_on_commit_callbacks
):
    officer = User.objects.get(email="officer@example.org")
    group = Group.objects.get(name__startswith="Anchor House")
    with django_capture_on_commit_callbacks(execute=True):
        group_derecognise(group=group, officer=officer, reason="No AGM for two years.")
    purged = purged_paths()
    assert "/groups/" in purged
    assert f"/groups/{slugify(group.name)}/" in purged


def test_publishing_a_meeting_purges_it_and_the_listings_above_it(
    cdn_on, django_capture_on_commit_callbacks
):
    meeting = MeetingPage.objects.live().filter(locale__language_code="en-gb").first()
    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()
    purged = purged_paths()
    assert meeting.url in purged
    assert "/meetings/" in purged
    assert "/" in purged  # the home page's meetings slot


def test_nothing_is_sent_when_no_cdn_is_configured(django_capture_on_commit_callbacks):
    PURGED.clear()
    group = Group.objects.get(name__startswith="Anchor House")
    with django_capture_on_commit_callbacks(execute=True):
        group.save()
    assert PURGED == []


def test_a_page_made_private_is_purged_with_everything_below_it(
    cdn_on, django_capture_on_commit_callbacks
):
    """The CDN must drop the page itself (and the pages under it), not only the
    public listings that showed it: it is no longer public when the purge runs."""
    from wagtail.models import PageViewRestriction

    from cms.magazines.models import MagazineIssuePage

    issue = MagazineIssuePage.objects.live().filter(locale__language_code="en-gb")[0]
    article = issue.get_children().live().first()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=issue,
            restriction_type=PageViewRestriction.PASSWORD,
            password="residents-only",
        )
    purged = purged_paths()
    assert "/magazine/" in purged
    assert issue.url in purged
    assert article.url in purged


def test_an_inspection_schedule_changed_purges_the_page_that_shows_it(
    cdn_on, django_capture_on_commit_callbacks
):
    from portal.inspections.models import EstateSchedule

    schedule = EstateSchedule.objects.select_related("opportunity").first()
    with django_capture_on_commit_callbacks(execute=True):
        schedule.every_months = 6
        schedule.save()
    assert schedule.opportunity.url in purged_paths()
