"""Site-wide rows every page reads, remembered while the chrome's version stands.

Wagtail asks the database, on every request, which `Site` answers this host, which
`Locale` is active (4–7 times a page) and which view restrictions apply to the page
(two queries, though most sites restrict nothing). These rows change rarely, and
every change to them already purges the page cache's `site` tag (`signals.py`:
sites, locales and view restrictions are shared models). So each process keeps the
answers under that tag's version token, read once per request from the shared
cache: a change anywhere makes every process ask again on its next request. A
change purges twice (at once, and again when its transaction commits), so an answer
read from uncommitted rows in between is not kept.

Only inside a request: tests, commands and workers ask the database as Wagtail does.
"""

import threading

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction, Site

from .pagecache import SITE, versions_token

_request = threading.local()
# (what, key) -> (token, answer), shared by the process's threads.
_remembered: dict[tuple, tuple[str, object]] = {}
_original_get_active = Locale.get_active.__func__
_original_get_default = Locale.get_default.__func__
_original_find_site = Site._find_for_request
_SITE_FIELDS = (
    "id",
    "hostname",
    "port",
    "site_name",
    "root_page_id",
    "is_default_site",
)


def token() -> str | None:
    """The `site` tag's version token, read once per request (None outside one)."""
    if not getattr(_request, "active", False):
        return None
    if _request.token is None:
        _request.token = versions_token([SITE])
    return _request.token


def remembered(what: str, key, answer):
    """`answer()`, remembered in this process while the chrome's version stands,
    and for the rest of this request whatever happens to it."""
    current = token()
    if current is None:
        return answer()
    in_request = _request.answers
    if (what, key) in in_request:
        return in_request[what, key]
    kept = _remembered.get((what, key))
    if kept is not None and kept[0] == current:
        value = kept[1]
    else:
        value = answer()
        _remembered[what, key] = (current, value)
    in_request[what, key] = value
    return value


def _get_active(cls):
    return remembered(
        "locale", translation.get_language(), lambda: _original_get_active(cls)
    )


def _get_default(cls):
    return remembered("locale", None, lambda: _original_get_default(cls))


def _find_site(request):
    """The site for this host and port, as a fresh instance each request (so what a
    request caches on it, such as its root page, stays with that request)."""
    host = request._get_raw_host()

    def look_up():
        site = _original_find_site(request)
        return None if site is None else {f: getattr(site, f) for f in _SITE_FIELDS}

    fields = remembered("site", (host, request.get_port()), look_up)
    if fields is None:
        return None
    site = Site(**fields)
    site._state.adding = False
    site._state.db = "default"
    return site


def no_view_restrictions() -> bool:
    """True when no page anywhere is private (the usual case), so a page's view
    restrictions need not be looked up."""
    return remembered(
        "restrictions", None, lambda: not PageViewRestriction.objects.exists()
    )


def _start(**kwargs):
    _request.active = True
    _request.token = None
    _request.answers = {}


def _finish(**kwargs):
    _request.active = False
    _request.token = None
    _request.answers = {}


def _changed(sender, **kwargs):
    """A site, locale or view restriction changed during this request (an editor's
    save): the rest of the request reads them afresh."""
    if getattr(_request, "active", False):
        _start()


def forget() -> None:
    """Drop what is remembered. A request that never finished (one that raised in a
    test, or a thread stopped mid-request) would otherwise leave answers behind,
    and after the database is emptied and rebuilt their ids no longer exist
    (`load_demo_data` calls this first)."""
    _finish()
    _remembered.clear()


def install():
    Locale.get_active = classmethod(_get_active)
    Locale.get_default = classmethod(_get_default)
    Site._find_for_request = staticmethod(_find_site)
    request_started.connect(_start, dispatch_uid="sitewide-start")
    request_finished.connect(_finish, dispatch_uid="sitewide-finish")
    for model in (Site, Locale, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"sitewide-{model}")
