"""Purging a CDN in front of the site (off unless `INVOLVE_CDN` names one).

Wagtail's frontend cache (`wagtail.contrib.frontend_cache`, configured from the
environment in settings as `WAGTAILFRONTENDCACHE`) purges a page's own addresses
when it is published or unpublished. Everything else the page cache purges by tag
(`pagecache.purge`) reaches the CDN here, once the change is committed, through a
task (so no request waits on the CDN's API):

- `p:<path>`: the page at that path (an index, the home page's slots);
- `t:<path>`: the live pages below it;
- `site`: every live page, private ones included (the chrome or a page's privacy
  changed: rare);
- a named tag (`groups`, `grant-awards`): the addresses its app registered with
  `register_tag_paths` (feature apps register from their own `wagtail_hooks.py`,
  so this module imports none).

What no purge names (a feed that lists a page type) leaves the CDN within
`INVOLVE_CDN_SECONDS`, the `s-maxage` the page cache sends.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django_tasks import task

_TAG_PATHS: dict[str, Callable[[], Iterable[str]]] = {}


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def register_tag_paths(tag: str):
    """Register `paths() -> addresses` (site-relative, any language) that show
    what `tag` covers; use as a decorator."""

    def decorator(paths):
        _TAG_PATHS[tag] = paths
        return paths

    return decorator


def in_every_language(url_name: str, **kwargs) -> list[str]:
    """`url_name`'s address in each language (the prefix differs)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(url_name, kwargs=kwargs))
    return list(dict.fromkeys(paths))


def purge_tags_on_commit(tags: Iterable[str]) -> None:
    if enabled():
        tags = sorted(tags)
        transaction.on_commit(lambda: purge_cdn.enqueue(tags=tags))


@task()
def purge_cdn(*, tags: list[str]) -> int:
    """Ask the CDN to drop every address these tags cover; how many."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.hooks import search_for_hooks
    from wagtail.models import Page, Site

    # The apps name their addresses from `wagtail_hooks.py`, which a task
    # worker has not necessarily loaded.
    search_for_hooks()

    batch = PurgeBatch()
    paths = [tag[2:] for tag in tags if tag.startswith("p:")]
    below = [tag[2:] for tag in tags if tag.startswith("t:")]
    # Private pages too: a page just made private is no longer public when this
    # runs, and it is its cached public copy that must go.
    pages = Page.objects.none()
    if "site" in tags:
        pages = Page.objects.live()
    elif paths or below:
        query = Q(path__in=paths)
        for path in below:
            query |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
        pages = Page.objects.live().filter(query)
    batch.add_pages(pages.specific())
    root = Site.objects.filter(is_default_site=True).first()
    base = root.root_url if root else ""
    for tag in tags:
        if tag in _TAG_PATHS or (tag == "site" and _TAG_PATHS):
            named = _TAG_PATHS.values() if tag == "site" else [_TAG_PATHS[tag]]
            for paths_of in named:
                batch.add_urls(base + path for path in paths_of())
    urls = len(batch.urls)
    batch.purge()
    return urls
