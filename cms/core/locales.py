"""`Locale.get_active()` (and `get_default()`) once per request, not once per call.

Wagtail looks the active locale up in the database on every call, and a page
calls it 4–7 times (the menu, `page.localized` for the footer's policy pages,
selectors filtering by language). During a request the answer cannot change for a
given language, so it is remembered until the request finishes; outside requests
(tests, commands, workers) nothing is remembered.
"""

import threading

from django.core.signals import request_finished, request_started
from django.utils import translation
from wagtail.models import Locale

_state = threading.local()
_original_get_active = Locale.get_active.__func__
_original_get_default = Locale.get_default.__func__


def _get_active(cls):
    memo = getattr(_state, "locales", None)
    if memo is None:
        return _original_get_active(cls)
    language = translation.get_language()
    if language not in memo:
        memo[language] = _original_get_active(cls)
    return memo[language]


def _get_default(cls):
    memo = getattr(_state, "locales", None)
    if memo is None:
        return _original_get_default(cls)
    if None not in memo:
        memo[None] = _original_get_default(cls)
    return memo[None]


def _start(**kwargs):
    _state.locales = {}


def _finish(**kwargs):
    _state.locales = None


def forget() -> None:
    """Drop what this thread remembers. A request that never finished (one that
    raised in a test, or a thread stopped mid-request) would otherwise leave
    locales behind, and after the database is emptied and rebuilt their ids
    no longer exist (`load_demo_data` calls this first)."""
    _state.locales = None


def install():
    Locale.get_active = classmethod(_get_active)
    Locale.get_default = classmethod(_get_default)
    request_started.connect(_start, dispatch_uid="locale-memo-start")
    request_finished.connect(_finish, dispatch_uid="locale-memo-finish")
