"""The page cache: whole public pages kept for anonymous visitors, purged by tag.

Why our own ~200 lines on Django's cache framework rather than a library: Django's
`CacheMiddleware` has no purge at all, and wagtail-cache (3.0, built for Wagtail 7)
purges by a list of URLs kept in one cache key that concurrent workers overwrite, and
knows nothing of the non-page views (calendar feeds, groups directory, awards) or of
listings that show a page. Here every cached response carries *tags*; purging a tag
replaces its version token, and an entry is served only while every tag it was built
under still has the token it was built with. Nothing has to be found and deleted, so
a purge is one cache write, costs the same whatever is cached, and cannot race.

Tags:
- `site`: the chrome every page shows (menu, landlord settings, footer pages).
- `p:<tree path>`: a page's own rendering, including its routes and feeds. Purged
  when the page or anything below it changes, so indexes and the home page's slots
  follow their children.
- `t:<tree path>`: pages below this one (their breadcrumbs show its title).
- anything else a view names (`groups`, `meetings`, `grant-awards`), purged by
  the changes its app registers with `purge_on_change`.

A request is served from or stored in the cache only when it is a GET or HEAD with
no cookies but the CSRF and language ones (so never for signed-in people, a consultation
answered on this device, or pending messages), and the response is a 200 that sets no
cookie, did not use the CSRF token and is not marked private. The language is part of
the address (`/ar/…`), so each language has its own entries.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import http_date

from . import cdn

SITE = "site"
ALLOWED_COOKIES_DEFAULT = ("csrftoken", "django_language")
# Response headers worth keeping with a cached page (the rest are per request).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Vary",
    "X-Frame-Options",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    # Set below this middleware, so a page served from the cache has it only if kept.
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
)
SKIPPED_PREFIXES = (
    "/admin/",
    "/portal/",
    "/accounts/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
    # Health checks report on the cache itself: they never wait on it.
    "/healthz",
    "/readyz",
)


def seconds() -> int:
    """How long a page may be kept (0 turns the page cache off)."""
    return int(getattr(settings, "INVOLVE_PAGE_CACHE_SECONDS", 300))


def _cache():
    return caches[getattr(settings, "INVOLVE_PAGE_CACHE_ALIAS", "default")]


def _version_key(tag: str) -> str:
    return f"pc:v:{tag}"


def _entry_key(request) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    # "e2": entries carry the moment they go stale (older "e" entries are ignored).
    return "pc:e2:" + hashlib.sha256(address.encode()).hexdigest()


# --- tags -----------------------------------------------------------------


def page_tags(page) -> list[str]:
    """The tags of a served page: the chrome, the page, and the pages above it."""
    steps = len(page.path) // page.steplen
    above = [f"t:{page.path[: page.steplen * depth]}" for depth in range(3, steps)]
    return [SITE, f"p:{page.path}", *above]


def page_purge_tags(page, *, old_path: str | None = None) -> set[str]:
    """What to purge when a page changes: it in every language, the pages below it,
    and every page above it (indexes, the home page's slots, feeds)."""
    tags = {f"type:{page._meta.label_lower}"}
    pages = list(page.get_translations(inclusive=True).only("path", "depth"))
    paths = {p.path for p in pages}
    if old_path:
        paths.add(old_path)
    steplen = page.steplen
    for path in paths:
        tags.add(f"t:{path}")
        for depth in range(2, len(path) // steplen + 1):
            tags.add(f"p:{path[: steplen * depth]}")
        if len(path) // steplen <= 3:
            # The home page and its children are in the menu of every page.
            tags.add(SITE)
    return tags


def tag_request(request, *tags: str, expires: datetime.datetime | None = None) -> None:
    """Mark this request's response as cacheable under these tags, reading their
    version tokens now (before the page is built), so a purge during rendering
    leaves the entry stale rather than wrongly current."""
    if not getattr(request, "_page_cache_candidate", False):
        return
    current = getattr(request, "_page_cache_tags", {})
    new = [tag for tag in tags if tag not in current]
    if new:
        cache = _cache()
        found = cache.get_many([_version_key(tag) for tag in new])
        for tag in new:
            token = found.get(_version_key(tag))
            if token is None:
                token = uuid.uuid4().hex
                if not cache.add(_version_key(tag), token, timeout=None):
                    token = cache.get(_version_key(tag))
            current[tag] = token
        request._page_cache_tags = current
    if expires is not None:
        expire_at(request, expires)


def expire_at(request, when: datetime.datetime | None) -> None:
    """Keep this page no later than `when` (a consultation closing, say)."""
    if when is None:
        return
    earlier = getattr(request, "_page_cache_expires", None)
    if earlier is None or when < earlier:
        request._page_cache_expires = when


def purge(*tags: str) -> None:
    """Make every cached page built under any of these tags stale, now and again
    once the surrounding transaction commits (so a request that read the old data
    just before the commit cannot put it back for long)."""
    tags = tuple(dict.fromkeys(tags))
    if not tags:
        return

    def bump():
        _cache().set_many(
            {_version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None
        )

    bump()
    transaction.on_commit(bump)
    cdn.purge_tags_on_commit(tags)


def purge_page(page, *, old_path: str | None = None) -> None:
    purge(*page_purge_tags(page, old_path=old_path))


# model -> [(tags, when)], filled by `purge_on_change` as apps get ready.
_ON_CHANGE: dict[type[models.Model], list[tuple[tuple[str, ...], Callable | None]]] = {}


def purge_on_change(
    model: type[models.Model],
    *tags: str,
    when: Callable[[models.Model, frozenset | None], bool] | None = None,
) -> None:
    """Purge `tags` whenever a row of `model` is saved or deleted; with `when`,
    only if `when(instance, update_fields)` says the change may show
    (`update_fields` is None for a full save or a delete).

    For rows outside pages that public views show: a view names its tag
    (`public_cache`, or `tag_request` from a section of a page) and the app that
    shows the rows registers them here, so core names no feature app. Register
    from `AppConfig.ready()`, not `wagtail_hooks.py`: hooks load only when first
    asked for, and a command or a task worker that saves must purge too.
    Receivers are connected per model, so other models' saves cost nothing."""
    _ON_CHANGE.setdefault(model, []).append((tags, when))
    for signal in (post_save, post_delete):
        signal.connect(_on_change, sender=model, dispatch_uid="pagecache-on-change")


def _on_change(sender, instance, update_fields=None, **kwargs):
    purge(
        *(
            tag
            for tags, when in _ON_CHANGE[sender]
            if when is None or when(instance, update_fields)
            for tag in tags
        )
    )


def next_midnight() -> datetime.datetime:
    """The start of tomorrow in London (when dates shown on pages roll over)."""
    today = timezone.localdate()
    return timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )


def public_cache(*tags: str, expires=None):
    """Cache a non-page view for anonymous visitors under these tags (and no later
    than `expires()`, when given)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(request, "_page_cache_candidate", False):
                tag_request(request, SITE, *tags, expires=expires and expires())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- the middleware ---------------------------------------------------------


def _candidate(request) -> bool:
    if request.method not in ("GET", "HEAD") or seconds() <= 0:
        return False
    if request.path_info.startswith(SKIPPED_PREFIXES) or "HTTP_AUTHORIZATION" in (
        request.META
    ):
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= allowed


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return vary <= {"", "cookie", "accept-language", "accept-encoding"}


def _public_headers(response, rendered_at: datetime.datetime) -> None:
    # Browsers and proxies check back every time (ETag/Last-Modified make that a
    # cheap 304), so someone who signs in never sees the anonymous page from their
    # own cache; a CDN may keep it as long as the page cache does (see docs).
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    cdn = int(getattr(settings, "INVOLVE_CDN_SECONDS", 0))
    if cdn:
        patch_cache_control(response, s_maxage=cdn)
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(rendered_at.timestamp())


class PageCacheMiddleware:
    """Serve anonymous GETs from the page cache; store what views tagged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._page_cache_candidate = _candidate(request)
        if not request._page_cache_candidate:
            response = self.get_response(request)
            if getattr(request, "user", None) is not None and (
                request.user.is_authenticated
                and not response.has_header("Cache-Control")
            ):
                patch_cache_control(response, private=True, no_store=True)
            return response
        cache = _cache()
        key = _entry_key(request)
        entry = cache.get(key)
        if entry is not None:
            tags, status, headers, content, rendered_at, stale_at = entry
            tokens = cache.get_many([_version_key(tag) for tag in tags])
            # The entry says when it goes stale as well as the cache's own timeout:
            # a page that must change at a moment (a consultation closing) never
            # outlives it, whatever the cache server's clock.
            if timezone.now() < stale_at and all(
                tokens.get(_version_key(tag)) == tags[tag] for tag in tags
            ):
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                response["X-Cache"] = "HIT"
                _public_headers(response, rendered_at)
                return response
        response = self.get_response(request)
        tags = getattr(request, "_page_cache_tags", None)
        if not tags or not _storable(request, response):
            return response
        now = timezone.now()
        timeout = seconds()
        expires = getattr(request, "_page_cache_expires", None)
        if expires is not None:
            timeout = min(timeout, int((expires - now).total_seconds()))
        _public_headers(response, now)
        response["X-Cache"] = "MISS"
        if timeout <= 0 or request.method != "GET":
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
        stale_at = now + datetime.timedelta(seconds=timeout)
        entry = (tags, response.status_code, headers, response.content, now, stale_at)
        cache.set(key, entry, timeout)
        return response


def versions_token(tags: Iterable[str]) -> str:
    """One string naming the current versions of these tags (for fragment keys)."""
    cache = _cache()
    keys = [_version_key(tag) for tag in tags]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, token in missing.items():
        if not cache.add(key, token, timeout=None):
            missing[key] = cache.get(key) or token
    found.update(missing)
    return ".".join(found[key] for key in keys)
