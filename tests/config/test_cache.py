import os

from django.conf import settings
from django.core.cache import cache


def test_cache_backend_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_cache_round_trips_a_value():
    cache.set("involve:test", {"answer": 42}, timeout=30)
    assert cache.get("involve:test") == {"answer": 42}
    cache.delete("involve:test")
    assert cache.get("involve:test") is None
