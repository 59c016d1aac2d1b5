"""Template tags for the site chrome: language switcher, menu and breadcrumbs."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.core import sitewide
from cms.core.pagecache import SITE, versions_token
from cms.core.selectors import public_pages

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language: to this page's translation when it has one, otherwise
    to the same address in that language (or that language's home page)."""
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    current = translation.get_language()
    translations = {}
    if page is not None:
        for translated in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            translations[translated.locale.language_code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code)
            url = target.get_url(request) if target else _home_url(code)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url, "current": code == current}
        )
    return {"links": links}


def _home_url(language_code: str) -> str:
    with translation.override(language_code):
        return translate_url("/", language_code)


@register.simple_tag
def chrome_version() -> str:
    """The key part that changes whenever the site chrome may have: landlord
    settings, locales, snippets, menu pages (purged with the page cache's `site`
    tag). Chrome fragments are cached per language under it."""
    return sitewide.token() or versions_token([SITE])


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", in the visitor's language (kept in
    the cache per language until the chrome changes)."""
    request = context["request"]
    language = translation.get_language()
    key = f"chrome:menu:{language}:{chrome_version()}"
    items = cache.get(key)
    if items is None:
        items = _menu_items(request)
        cache.set(key, items, 24 * 60 * 60)
    current = context.get("page")
    return {
        "items": items,
        "request": request,
        "current_pk": current.pk if isinstance(current, Page) else None,
    }


def _menu_items(request) -> list[dict]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
    pages = (
        public_pages(Page.objects.child_of(root).live())
        .in_menu()
        .filter(locale=Locale.get_active())
    )
    return [
        {"pk": page.pk, "title": page.title, "url": page.get_url(request)}
        for page in pages
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page down to (not including) this page."""
    ancestors = routed_ancestors(page)
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


def routed_ancestors(page) -> list[Page] | None:
    """The pages above `page` (below the tree's root) as Wagtail's routing already
    loaded them: each page it routes through is remembered on the next as its
    parent (`_cached_parent_obj`, which treebeard's `get_parent()` reads too), so
    the trail costs no query. None when the chain is not complete (a page loaded
    some other way), and the caller asks the database."""
    chain = []
    current = page
    while current.depth > 2:
        parent = getattr(current, "_cached_parent_obj", None)
        if (
            parent is None
            or parent.depth != current.depth - 1
            or not current.path.startswith(parent.path)
        ):
            return None
        chain.append(parent)
        current = parent
    chain.reverse()
    return chain
