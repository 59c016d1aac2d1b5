"""An article goes through the Readers Panel before a moderator publishes it, and
only then carries the Resident Approved mark. Editors see a readability score."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.magazines.models import ArticlePage, MagazineIndexPage
from cms.magazines.readability import readability_report
from cms.magazines.workflows import readers_panel_workflow
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

MARK = "Resident Approved: checked by our Readers Panel of residents"


def _action(client, page, action, task_state):
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": ""})


def test_an_article_goes_through_review_to_publication_and_shows_the_mark(client):
    article = ArticlePage.objects.get(slug="new-bins")
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    assert state.current_task_state.task.name == "Readers Panel review"
    assert not article.live

    # A moderator cannot skip the Readers Panel's step.
    sign_in(client, "moderator@example.org")
    _action(client, article, "approve", state.current_task_state)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Readers Panel review"
    client.logout()

    sign_in(client, "reader@example.org")
    _action(client, article, "approve", state.current_task_state)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "Moderators approval"
    article.refresh_from_db()
    assert not article.live  # reviewed, not yet published
    client.logout()

    sign_in(client, "moderator@example.org")
    _action(client, article, "approve", state.current_task_state)
    state.refresh_from_db()
    assert state.status == "approved"
    article.refresh_from_db()
    assert article.live
    client.logout()

    page = client.get(article.url).content.decode()
    assert MARK in page
    issue = client.get(article.get_parent().url).content.decode()
    assert "New bins: what changes in January" in issue


def test_the_readers_panel_can_send_it_back(client):
    article = ArticlePage.objects.get(slug="new-bins")
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    sign_in(client, "reader@example.org")
    _action(client, article, "reject", state.current_task_state)
    state.refresh_from_db()
    assert state.status == "needs_changes"
    article.refresh_from_db()
    assert not article.live


def test_a_page_republished_without_review_loses_the_mark(client):
    article = ArticlePage.objects.filter(slug="issue-8-1").first()
    assert MARK in client.get(article.url).content.decode()
    article.intro = "Changed after the panel saw it."
    article.save_revision().publish()
    assert MARK not in client.get(article.url).content.decode()


def test_older_issues_published_before_the_panel_have_no_mark(client):
    article = ArticlePage.objects.filter(slug="issue-2-1").first()
    assert MARK not in client.get(article.url).content.decode()


def test_every_magazine_section_is_in_the_workflow():
    index = MagazineIndexPage.objects.get(
        slug="magazine", locale__language_code="en-gb"
    )
    assert index.get_workflow() == readers_panel_workflow()
    article = ArticlePage.objects.filter(slug="issue-8-1").first()
    assert article.get_workflow() == readers_panel_workflow()


def test_editors_see_a_plain_english_score_for_the_draft(client):
    article = ArticlePage.objects.filter(slug="issue-8-1").first()
    sign_in(client, "editor@example.org")
    page = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    html = page.content.decode()
    assert "Reading ease:" in html
    assert "Our target is 60 or more." in html


def test_plain_words_score_higher_than_long_winded_ones(settings):
    settings.INVOLVE_READABILITY_TARGET = 60
    plain = readability_report(
        "We will fix your lift this week. Tell us if it breaks again. Call us any time."
    )
    hard = readability_report(
        "Notwithstanding the aforementioned considerations, the organisation's "
        "comprehensive infrastructure rehabilitation programme necessitates "
        "consideration of multifaceted procurement methodologies, particularly "
        "regarding vertical transportation installations throughout residential "
        "accommodation developments across our neighbourhoods."
    )
    assert plain.meets_target and plain.label in {"Easy to read", "Plain English"}
    assert not hard.meets_target and hard.label == "Hard to read"
    assert hard.long_sentences == 1
    assert plain.sentences == 3
    assert readability_report("   ") is None


def test_the_editor_submits_an_edit_to_the_readers_panel_from_the_editor(client):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    article = ArticlePage.objects.filter(slug="issue-8-2").first()
    sign_in(client, "editor@example.org")
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "intro": "Twelve residents who check how we work. Join them!",
            "author": article.author,
            "body": streamfield(
                [("paragraph", rich_text("<p>The panel meets once a month.</p>"))]
            ),
            "comments": inline_formset([]),
            "action-submit": "Submit",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    state = WorkflowState.objects.get(object_id=str(article.pk), status="in_progress")
    assert state.current_task_state.task.name == "Readers Panel review"
    # The live page is unchanged (and keeps its mark) until the draft is approved.
    client.logout()
    assert MARK in client.get(article.url).content.decode()
    assert "Join them!" not in client.get(article.url).content.decode()
    for who in ("reader", "moderator"):
        sign_in(client, f"{who}@example.org")
        state.refresh_from_db()
        _action(client, article, "approve", state.current_task_state)
        client.logout()
    page = client.get(article.url).content.decode()
    assert "Join them!" in page
    assert MARK in page
