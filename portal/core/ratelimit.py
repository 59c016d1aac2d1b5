"""How often one visitor may do something, counted per client address in the shared
cache (so every web process counts together) by django-ratelimit.

The address is the one our own proxies vouch for: with INVOLVE_TRUSTED_PROXY_COUNT
proxies in front of the app, each appends the address it saw to X-Forwarded-For, so
the visitor is the entry that many places from the end. Anything further left came
from the visitor and can be made up; with no trusted proxy (the default) the header
is ignored and REMOTE_ADDR is the visitor.

django-ratelimit is used as a library (`is_ratelimited`), not as an installed app:
its system check only knows the third-party Redis backend, not Django's own, whose
`incr` is just as atomic.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_address(request) -> str:
    """The visitor's address as the trusted proxy chain defines it."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.INVOLVE_TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    # Fewer entries than trusted proxies: the first one is the furthest we know.
    return hops[-trusted] if len(hops) >= trusted else hops[0]


def _client_key(group, request) -> str:
    return client_address(request)


def allow(request, *, action: str, limit: int, seconds: int) -> bool:
    """Count one more `action` from this address; False once `limit` is passed
    within the window."""
    return not is_ratelimited(
        request,
        group=f"involve:{action}",
        key=_client_key,
        rate=(limit, seconds),
        increment=True,
    )
