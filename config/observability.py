"""Request ids, JSON logs and error reporting (Sentry), in one place.

Every request gets an id (the proxy's ``X-Request-ID`` when it sent a sensible one,
otherwise a new one). It is echoed in the response header and added to every log
line written while the request (or a task it caused) runs, so one person's problem
can be followed from the load balancer to the worker.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "request_id", default="-"
)


def current_request_id() -> str:
    """The id of the request or task being handled now ("-" outside one)."""
    return _request_id.get()


@contextmanager
def request_id_bound(value: str) -> Iterator[str]:
    """Run a block (a task, a scheduled job) under the given request id."""
    token = _request_id.set(value if _VALID_ID.match(value or "") else new_id())
    try:
        yield _request_id.get()
    finally:
        _request_id.reset(token)


def new_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for the request's log lines and returns it in a header.

    An incoming id is kept only if it looks like one (letters, digits, ``.-_:``,
    128 characters at most), so a client cannot write arbitrary text into the logs.
    """

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        with request_id_bound(incoming if _VALID_ID.match(incoming) else new_id()):
            request.request_id = current_request_id()
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record (for the JSON and text formats)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


# --- Sentry -----------------------------------------------------------------------

# Personal data never leaves for the error tracker: request bodies (forms residents
# fill in), cookies (sessions), query strings (search terms, postcodes, tokens) and
# the person's address and IP are removed before an event is sent.
_SENSITIVE_HEADERS = {"cookie", "authorization", "x-forwarded-for", "x-real-ip"}


def sentry_before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        url = request.get("url")
        if isinstance(url, str):
            request["url"] = url.split("?", 1)[0]
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {
                name: value
                for name, value in headers.items()
                if name.lower() not in _SENSITIVE_HEADERS
            }
    user = event.get("user")
    if isinstance(user, dict):
        # Keep only the account id (enough to find the person in the audit log).
        event["user"] = {"id": user["id"]} if "id" in user else {}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []) or []:
        data = crumb.get("data")
        if isinstance(data, dict) and "url" in data:
            data["url"] = str(data["url"]).split("?", 1)[0]
            data.pop("http.query", None)
    event.setdefault("tags", {})["request_id"] = current_request_id()
    return event


def sentry_init(*, dsn: str, environment: str, release: str | None) -> None:
    """Start error reporting (production, when ``SENTRY_DSN`` is set)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        before_send=sentry_before_send,
        traces_sample_rate=0.0,
    )


# --- Request ids in background tasks ----------------------------------------------

# The web process notes which request enqueued a task (in the shared cache, for a
# day); the worker puts that id on the task's log lines, so one id follows the work
# from the request to the worker. Connected in portal.scheduler's AppConfig.ready().
_TASK_KEY = "request-id:task:{}"
_task_tokens: dict[str, contextvars.Token] = {}
_logger = logging.getLogger("involve.tasks")


def on_task_enqueued(sender, task_result, **kwargs) -> None:
    request_id = current_request_id()
    if request_id == "-":
        return
    from django.core.cache import cache

    try:
        cache.set(_TASK_KEY.format(task_result.id), request_id, 24 * 60 * 60)
    except Exception:  # noqa: BLE001 (a missing id must never stop the work)
        _logger.warning("Could not note the request id of task %s", task_result.id)


def on_task_started(sender, task_result, **kwargs) -> None:
    from django.core.cache import cache

    try:
        request_id = cache.get(_TASK_KEY.format(task_result.id))
    except Exception:  # noqa: BLE001
        request_id = None
    value = request_id or f"task-{task_result.id}"
    _task_tokens[str(task_result.id)] = _request_id.set(value)


def on_task_finished(sender, task_result, **kwargs) -> None:
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        try:
            _request_id.reset(token)
        except ValueError:  # set in another context: just clear it
            _request_id.set("-")
