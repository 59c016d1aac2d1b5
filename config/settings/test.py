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
# Uploads in tests go to a throwaway folder, never the project's var/.
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="involve-private-")},
    },
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="involve-media-")
INVOLVE_DEMO_ALLOWED = True
