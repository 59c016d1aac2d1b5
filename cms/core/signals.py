"""Purge the page cache when something shown on public pages changes.

Pages purge themselves, their translations, the pages above them (indexes, the
home page's slots, feeds) and, for pages in the menu, the chrome. Site settings,
locales, sites and snippets are shown on many pages and change rarely: they purge
the chrome, and with it every cached page. So does a page's privacy (a view
restriction added, changed or removed): a private section must leave every listing,
feed and slot that showed it at once, wherever they are. Other rows that public
views show purge the tags their apps register with `pagecache.purge_on_change`
(groups, estates and areas, grant awards, inspection schedules); a few changes
purge from their services (a consultation's results published). A document or
image deleted or replaced purges the pages that use it.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

from portal.core.models import Topic

from . import pagecache


def on_page_changed(sender, instance, **kwargs):
    pagecache.purge_page(instance)


def on_page_deleted(sender, instance, **kwargs):
    # The tree row is gone: purge by its path without asking for translations.
    tags = {pagecache.SITE} if instance.depth <= 3 else set()
    tags.add(f"t:{instance.path}")
    for depth in range(2, instance.depth + 1):
        tags.add(f"p:{instance.path[: instance.steplen * depth]}")
    tags.add(f"type:{type(instance)._meta.label_lower}")
    pagecache.purge(*tags)


def on_file_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A document or image deleted, or its file replaced, changes the live pages
    that use it without a publish (a meeting paper or a magazine's large-print
    file is a row that goes with its document; a link's address changes with the
    file): purge them. Wagtail's reference index knows which pages use it. Saves
    of some fields alone (Wagtail fills in a file's size and hash lazily, during
    the first page view that asks) change nothing a page shows."""
    if created or (update_fields is not None and "file" not in update_fields):
        return
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    tags = set()
    for page in Page.objects.filter(pk__in=[int(pk) for pk in ids]):
        tags |= pagecache.page_purge_tags(page)
    pagecache.purge(*tags)


def on_page_moving(sender, instance, **kwargs):
    # Where it was, and everything that listed it there.
    pagecache.purge_page(instance)


# Shown on many pages and changed rarely: they purge the chrome (every page).
# Topics are the portal's shared subjects, named in filters (the consultation
# finder): listed here because `portal.core` imports no CMS app.
SHARED_MODELS = (
    Locale,
    Site,
    PageViewRestriction,
    BaseSiteSetting,
    BaseGenericSetting,
    Topic,
)


@functools.cache
def shown_everywhere(model) -> bool:
    """Are `model`'s rows shown on every page (settings, locales, sites, page
    privacy, snippets)? Worked out on the model's first change, then
    remembered. By then every snippet is registered: Wagtail registers those of
    `@register_snippet` in its own `ready()`, after this app's, and
    `get_snippet_models()` loads the `wagtail_hooks.py` modules that call
    `register_snippet()`."""
    if issubclass(model, Page):
        return False
    return issubclass(model, SHARED_MODELS) or model in get_snippet_models()


def on_shared_change(sender, **kwargs):
    """Connected for every model, since not every snippet is registered when
    this app is ready; a save of any other model costs one cached lookup."""
    if shown_everywhere(sender):
        pagecache.purge(pagecache.SITE)


def connect():
    page_published.connect(on_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="pagecache-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="pagecache-deleted")
    pre_page_move.connect(on_page_moving, dispatch_uid="pagecache-moving")
    post_page_move.connect(on_page_changed, dispatch_uid="pagecache-moved")
    for model in (get_document_model(), get_image_model()):
        # Before a deletion, while the rows that use the file are still there.
        for signal in (post_save, pre_delete):
            signal.connect(on_file_changed, sender=model, dispatch_uid="pagecache-file")
    post_save.connect(on_shared_change, dispatch_uid="pagecache-shared-saved")
    post_delete.connect(on_shared_change, dispatch_uid="pagecache-shared-deleted")
