"""Production: real PostgreSQL, Redis, a task worker, SMTP/provider email, S3 storage.

Every value comes from the environment; the process refuses to start without the
secrets it needs rather than fall back to an insecure default.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, TASK_BACKENDS, env_bool

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("Set DATABASE_URL to the PostgreSQL database.")

TASKS = {
    "default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}
}

# Staff must set up two-factor authentication before they reach the back office.
INVOLVE_REQUIRE_STAFF_MFA = env_bool("INVOLVE_REQUIRE_STAFF_MFA", True)

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Wagtail's live preview shows the page in a same-origin frame, so framing stays
# SAMEORIGIN (set in base) rather than DENY; other origins still cannot frame us.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Health checks come straight from the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# whitenoise serves the collected, compressed static files from each web process.
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Public media in one bucket; private files in another that is never public.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"]},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_PRIVATE_BUCKET_NAME"],
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }

if os.environ.get("ANYMAIL_ESP"):
    # e.g. ANYMAIL_ESP=postmark with POSTMARK_SERVER_TOKEN set.
    esp = os.environ["ANYMAIL_ESP"]
    INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]  # noqa: F405
    EMAIL_BACKEND = f"anymail.backends.{esp}.EmailBackend"
    ANYMAIL = {
        key.removeprefix("ANYMAIL_"): value
        for key, value in os.environ.items()
        if key.startswith("ANYMAIL_") and key != "ANYMAIL_ESP"
    }
elif "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
