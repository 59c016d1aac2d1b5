"""A fixed-window limit on how often one address may do something (in the shared
cache, so every web process counts together)."""

from django.core.cache import cache


def client_address(request) -> str:
    """The visitor's address as our proxy saw it: the last X-Forwarded-For entry is
    the one it added (earlier entries come from the visitor and can be made up)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def allow(request, *, action: str, limit: int, seconds: int) -> bool:
    """Count one more `action` from this address; False once `limit` is passed
    within the window."""
    key = f"ratelimit:{action}:{client_address(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
