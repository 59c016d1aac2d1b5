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
# Links in emails (password resets, workflow notices) are built from this.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set WAGTAILADMIN_BASE_URL to the site's public address "
        "(for example: https://involve.example.org)."
    )

# A database that does not answer fails the request (and /readyz) within seconds.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = int(  # noqa: F405
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )

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
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# whitenoise serves the collected, compressed static files from each web process.
_SECURITY = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_SECURITY],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_SECURITY:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    if not os.environ.get("AWS_PRIVATE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "Set AWS_PRIVATE_BUCKET_NAME to a second, never public, bucket."
        )
    # Any S3-compatible store (AWS, MinIO, Ceph…): its address and region. The
    # credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the role.
    from botocore.config import Config as BotoConfig

    _S3 = {
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
        # Short timeouts: a store that does not answer fails fast (and /readyz).
        "client_config": BotoConfig(
            # "path" suits MinIO and other stores without wildcard DNS.
            s3={"addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None},
            connect_timeout=float(os.environ.get("AWS_S3_CONNECT_TIMEOUT", "3")),
            read_timeout=float(os.environ.get("AWS_S3_READ_TIMEOUT", "20")),
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }
    # Public media in one bucket; private files in another that is never public.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_S3, "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"]},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_S3,
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

# Logs: one JSON object a line, with the request id, for the log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

# Errors go to Sentry when SENTRY_DSN is set, without personal data.
if os.environ.get("SENTRY_DSN"):
    from config.observability import sentry_init

    sentry_init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE"),
    )
