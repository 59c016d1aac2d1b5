"""The test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# locmem lets tests read mail.outbox; the worker round-trip test sets a file backend.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
WAGTAILADMIN_BASE_URL = "http://testserver"
SMS_BACKEND = "portal.core.sms.LocmemSmsBackend"
# Tests run at any hour: quiet hours are off unless a test turns them on.
INVOLVE_SMS_QUIET_HOURS = ""
# Uploads in tests go to a throwaway folder, never the project's var/. A worker
# process a test starts (tests/worker.py) is given the test's folder.
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("INVOLVE_TEST_PRIVATE_ROOT")
            or tempfile.mkdtemp(prefix="involve-private-")
        },
    },
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="involve-media-")
INVOLVE_DEMO_ALLOWED = True
# Pages are cached only in the tests about the cache (tests/cms/core/test_pagecache.py).
INVOLVE_PAGE_CACHE_SECONDS = 0

# Under pytest-xdist (make test runs one process per core) each process has its own
# test database (pytest-django) and needs its own Redis database too: every test
# starts by clearing the cache, which must not wipe another process's counters.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _base = int(_redis.path.strip("/") or 0)
    CACHES["default"]["LOCATION"] = urlunsplit(  # noqa: F405
        _redis._replace(path=f"/{_base + 1 + int(_XDIST_WORKER[2:])}")
    )
