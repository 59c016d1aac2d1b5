"""A made-up id in a chooser (a record picked in a pop-up: a panel, a page, an
image, a document, an action) is "Select a valid choice" beside the field, never a
server error. Wagtail turns an id that names no record into "nothing chosen" but
crashed on one that is not an id at all ("abc") when it drew the form again."""

import pytest
from django import forms
from django.urls import reverse
from django.utils.html import escape
from wagtail import blocks
from wagtail.admin.viewsets import viewsets
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.models import get_page_models

from cms.magazines.models import ArticlePage
from portal.scrutiny.models import ScrutinyReview
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

HUGE = "9" * 40
JUNK_IDS = ["abc", HUGE, "-1", "²", "1e309", "a\x00b", "1.5"]


def _review(body: str) -> dict:
    return {
        "title": "Repairs follow-up visits",
        "body": body,
        "scope": "How often a repair needs a second visit.",
        "evidence": "",
        "started_on": "03/02/2027",  # the admin's day/month/year box
        "response_days": "28",
        "staff_lead": "",
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_a_made_up_panel_on_a_new_review_is_a_field_error(client, junk):
    sign_in(client, "officer@example.org")
    response = client.post("/admin/scrutiny_reviews/new/", _review(junk))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["body"], errors
    page = response.content.decode()
    assert escape(errors["body"][0]) in page
    # The form is drawn again, the rest of what was typed kept.
    assert "How often a repair needs a second visit." in page
    assert not ScrutinyReview.objects.filter(title="Repairs follow-up visits").exists()


def test_a_made_up_image_in_an_article_body_is_refused_not_a_crash(client):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    article = ArticlePage.objects.filter(live=True).first()
    sign_in(client, "editor@example.org")
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "intro": article.intro,
            "author": article.author,
            "body": streamfield(
                [("image", {"image": "abc", "alt_text": "A lift", "caption": ""})]
            ),
            "comments": inline_formset([]),
            # Sent for review, so the page is checked in full (a draft may be
            # saved with a required block empty).
            "action-submit": "Submit",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


# ------------------------------------------------------------------ every chooser


def _admin_forms() -> list[tuple[str, type[forms.BaseForm]]]:
    """Every form the back office draws: each viewset's add/edit form (snippets
    and our own model admin), each page type's editor, the forms in our own admin
    views, and the inline rows of each."""
    found = {}
    for viewset in viewsets.viewsets:
        get_form_class = getattr(viewset, "get_form_class", None)
        if get_form_class is not None and getattr(viewset, "model", None):
            found[f"viewset {viewset.name}"] = get_form_class()
    for model in get_page_models():
        found[f"page {model._meta.label}"] = model.get_edit_handler().get_form_class()
    for form_class in _subclasses(forms.BaseForm):
        if form_class.__module__.startswith(("portal.", "cms.", "home.", "search.")):
            found[f"form {form_class.__module__}.{form_class.__name__}"] = form_class
    for name, form_class in list(found.items()):
        for inline, formset in getattr(form_class, "formsets", {}).items():
            found[f"{name} > {inline}"] = formset.form
    return sorted(found.items())


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _chooser_blocks(block, path):
    if isinstance(block, blocks.ChooserBlock):
        yield path, block
    children = getattr(block, "child_blocks", {})
    for name, child in children.items():
        yield from _chooser_blocks(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from _chooser_blocks(block.child_block, f"{path}.item")


def test_every_chooser_in_the_back_office_survives_a_made_up_id():
    """Each chooser field is drawn again holding each made-up id (as after a
    refused post), and each chooser block in a page body reads it as nothing
    chosen (so a required one says "This field is required")."""
    fields, choosers_in_blocks, crashed = [], [], []
    for form_name, form_class in _admin_forms():
        for name, field in form_class.base_fields.items():
            where = f"{form_name}: {name}"
            if isinstance(field.widget, BaseChooser):
                fields.append(where)
                for junk in JUNK_IDS:
                    try:
                        field.widget.render(name, junk, attrs={"id": f"id_{name}"})
                    except Exception as error:  # noqa: BLE001 (listed below)
                        crashed.append((where, junk, repr(error)[:80]))
            for path, block in _chooser_blocks(getattr(field, "block", None), where):
                choosers_in_blocks.append(path)
                for junk in JUNK_IDS:
                    try:
                        assert block.value_from_form(junk) is None
                    except Exception as error:  # noqa: BLE001 (listed below)
                        crashed.append((path, junk, repr(error)[:80]))
    assert not crashed, crashed
    # Discovery works: the kinds of chooser the back office has are all found.
    for expected in (
        "viewset scrutiny_reviews: body",  # a snippet chooser
        "form portal.actions.admin_views.UpdateForm: photo",  # images
        "form portal.actions.admin_views.UpdateForm: document",  # documents
    ):
        assert expected in fields, fields
    assert any(f.endswith(": action") for f in fields), fields  # our ChooserViewSet
    assert any(".page" in b for b in choosers_in_blocks), choosers_in_blocks
    assert any(".image" in b for b in choosers_in_blocks), choosers_in_blocks
    assert any(".document" in b for b in choosers_in_blocks), choosers_in_blocks


def test_a_made_up_id_sent_to_a_chooser_modal_is_refused_not_a_crash(client):
    """The modals' own addresses: "chosen" (one id in the path) and "chosen
    several" (ids in the query string), for every chooser the admin serves."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from wagtail.admin.views.generic.chooser import (
        ChosenMultipleViewMixin,
        ChosenViewMixin,
    )

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                view = getattr(entry.callback, "view_class", None)
                yield prefix + str(entry.pattern), view

    one, several = [], []
    for route, view in walk(get_resolver(), "/"):
        route = route.removeprefix("/en/")
        if view and issubclass(view, ChosenViewMixin):
            one.append("/" + route.lstrip("/").replace("<str:pk>", "abc"))
        elif view and issubclass(view, ChosenMultipleViewMixin):
            several.append("/" + route.lstrip("/"))
    assert len(one) >= 4 and len(several) >= 3, (one, several)
    sign_in(client, "admin@example.org")
    answers = {path: client.get(path).status_code for path in one}
    answers |= {
        path: client.get(path, {"id": ["abc", HUGE]}).status_code for path in several
    }
    assert {path: s for path, s in answers.items() if s >= 500} == {}
    assert set(answers.values()) <= {400, 404}, answers
