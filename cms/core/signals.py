"""Purge the page cache when something shown on public pages changes.

Pages purge themselves, their translations, the pages above them (indexes, the
home page's slots, feeds) and, for pages in the menu, the chrome. Site settings,
locales, sites and snippets are shown on many pages and change rarely: they purge
the chrome, and with it every cached page. So does a page's privacy (a view
restriction added, changed or removed): a private section must leave every listing,
feed and slot that showed it at once, wherever they are. Changes made outside pages
(a group recognised, a consultation's results published) purge from their services.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

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


def on_page_moving(sender, instance, **kwargs):
    # Where it was, and everything that listed it there.
    pagecache.purge_page(instance)


# Shown on many pages and changed rarely: they purge the chrome (every page).
SHARED_MODELS = (Locale, Site, PageViewRestriction, BaseSiteSetting, BaseGenericSetting)


def on_shared_change(sender, instance=None, **kwargs):
    """Connected for every model and decided here, when the change happens: the
    snippets are not all registered yet when this app is ready (Wagtail registers
    those of `@register_snippet` in its own `ready()`, after this one)."""
    if isinstance(instance, Page):
        return
    if issubclass(sender, SHARED_MODELS) or sender in get_snippet_models():
        pagecache.purge(pagecache.SITE)


# Models outside pages whose changes show on public views, and the tags those
# views are under (the view names its tag: `public_cache`, or `tag_request` from a
# section a page shows). Areas and topics are in filters on many pages: the chrome.
PUBLIC_MODELS = {
    "groups.Group": ["groups"],
    "groups.Officer": ["groups"],
    "groups.RecognitionApplication": ["groups"],
    "groups.Activity": ["groups"],
    "grants.GrantApplication": ["grant-awards"],
    "grants.GrantScheme": ["grant-awards"],
    "inspections.EstateSchedule": ["inspection-schedules"],
    "housing.Estate": ["groups", "inspection-schedules"],
    "housing.Street": ["groups"],
    "housing.Area": [pagecache.SITE],
    "portal_core.Topic": [pagecache.SITE],
}


def on_public_model_change(sender, **kwargs):
    pagecache.purge(*PUBLIC_MODELS[sender._meta.label])


def connect():
    for label in PUBLIC_MODELS:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                on_public_model_change, sender=model, dispatch_uid=f"pagecache-{label}"
            )
    page_published.connect(on_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="pagecache-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="pagecache-deleted")
    pre_page_move.connect(on_page_moving, dispatch_uid="pagecache-moving")
    post_page_move.connect(on_page_changed, dispatch_uid="pagecache-moved")
    post_save.connect(on_shared_change, dispatch_uid="pagecache-shared-saved")
    post_delete.connect(on_shared_change, dispatch_uid="pagecache-shared-deleted")
