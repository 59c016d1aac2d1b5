"""Settings shared by every environment.

Everything that differs between a laptop and production comes from environment
variables, read here once. The embedded defaults (SQLite, local memory cache,
immediate tasks, console email) let `make run` work with nothing installed.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("INVOLVE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


def env_admins(name: str) -> list[tuple[str, str]]:
    """Read "Name <email>, other@example.org" as Django's ADMINS (name, email) pairs."""
    return [
        (display or address, address)
        for display, address in getaddresses([os.environ.get(name, "")])
        if address
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Who is emailed about server errors ("Ops <ops@example.org>, dev@example.org").
ADMINS = env_admins("ADMINS")

INSTALLED_APPS = [
    # Project apps first so their templates override the libraries'.
    "home",
    "cms.core",
    "cms.meetings",
    "portal.accounts",
    "portal.core",
    "portal.housing",
    "portal.groups",
    "portal.evidence",
    "portal.participation",
    "portal.payments",
    "portal.grants",
    "portal.expenses",
    "portal.scheduler",
    "cms.consultations",
    "cms.involvement",
    "cms.magazines",
    "portal.actions",
    "portal.inspections",
    "portal.scrutiny",
    "portal.reach",
    "portal.broadcasts",
    "portal.training",
    "portal.volunteering",
    "portal.reports",
    "cms.accountability",
    "search",
    "demo",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Tables, filters, background tasks
    "django_tables2",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Content-Security-Policy headers
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    # First, so every later log line of the request carries its id.
    "config.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.core.middleware.QueryStringMiddleware",
    # ETag and 304 answers for everything below, cached pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous visitors get public pages from the cache before sessions, locale or
    # CSRF run (cms/core/pagecache.py).
    "cms.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.core.middleware.InvolveCSPMiddleware",
    "portal.core.middleware.PrivatePagesNoStoreMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.StaffMfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names a real server.
# (An empty DATABASE_URL counts as unset.)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'involve.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`: writers wait for each other instead of failing with "database is
    # locked". WAL lets readers carry on while one writes; IMMEDIATE takes the write
    # lock when a transaction starts, so the busy timeout (seconds) applies to it.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiler pays tens of milliseconds to compile a query whose
    # estimated cost passes `jit_above_cost`, which a join over many homes or an
    # unanalysed table reaches: measured 50-80 ms on the portal dashboard's groups
    # query, which runs in a few milliseconds without it. Short web queries never
    # win that back (PostgreSQL's own advice for OLTP), so it is off for Involve's
    # connections.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Years payment records (payments, the bank details they used, expense claims)
# are kept after an account closes before `purge_personal_data` removes the
# personal details (HMRC: six years).
INVOLVE_PAYMENT_RECORDS_YEARS = int(
    os.environ.get("INVOLVE_PAYMENT_RECORDS_YEARS", "6")
)

# Cache: Redis when REDIS_URL is set (shared by every web and worker process).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "involve",
            # A stuck Redis fails a request (and /readyz) quickly, not after minutes.
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("REDIS_CONNECT_TIMEOUT", "2")
                ),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache for anonymous visitors (cms/core/pagecache.py): seconds a page is kept
# at most (purges on change are immediate; 0 turns it off), and how long a CDN in
# front may keep a public page (0: browsers and CDNs revalidate every time).
# "Who takes part": a group is flagged under-represented when its share of the
# participants is below this fraction of its share of residents, and at least
# INVOLVE_REPRESENTATION_MIN_EXPECTED of them would have taken part had it matched.
INVOLVE_REPRESENTATION_THRESHOLD = float(
    os.environ.get("INVOLVE_REPRESENTATION_THRESHOLD", "0.8")
)
INVOLVE_REPRESENTATION_MIN_EXPECTED = int(
    os.environ.get("INVOLVE_REPRESENTATION_MIN_EXPECTED", "5")
)
INVOLVE_PAGE_CACHE_SECONDS = int(os.environ.get("INVOLVE_PAGE_CACHE_SECONDS", "300"))
INVOLVE_CDN_SECONDS = int(os.environ.get("INVOLVE_CDN_SECONDS", "0"))
# A CDN in front of the site, purged through Wagtail's frontend cache when pages and
# what they show change (cms/core/cdn.py, docs/deploy.md): off unless INVOLVE_CDN is
# "cloudflare" (CLOUDFLARE_BEARER_TOKEN, CLOUDFLARE_ZONE_ID) or "cloudfront"
# (CLOUDFRONT_DISTRIBUTION_ID; AWS credentials from the usual AWS_* variables).
INVOLVE_CDN = os.environ.get("INVOLVE_CDN", "").strip().lower()
_CDN_BACKENDS = {
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    },
}
if INVOLVE_CDN and INVOLVE_CDN not in _CDN_BACKENDS:
    raise ImproperlyConfigured(
        f"INVOLVE_CDN must be empty, 'cloudflare' or 'cloudfront', not {INVOLVE_CDN!r}"
    )
WAGTAILFRONTENDCACHE = {"default": _CDN_BACKENDS[INVOLVE_CDN]()} if INVOLVE_CDN else {}
# Listing exports with more rows than this are made by a task worker and offered on
# /admin/exports/ when ready (a 100,000-row Excel file takes longer than gunicorn's
# timeout); prepared files are deleted after INVOLVE_PREPARED_EXPORT_HOURS.
INVOLVE_EXPORT_BACKGROUND_ROWS = int(
    os.environ.get("INVOLVE_EXPORT_BACKGROUND_ROWS", "5000")
)
INVOLVE_PREPARED_EXPORT_HOURS = int(
    os.environ.get("INVOLVE_PREPARED_EXPORT_HOURS", "24")
)

# Background tasks: the django-tasks API. "immediate" runs in the request (embedded);
# "database" queues in PostgreSQL for `manage.py db_worker` processes (production).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate")]}
}

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, with a person's permissions read in one query.
    "portal.accounts.backends.ModelBackendOneQuery",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Sessions signed in before it was replaced name it: they stay signed in
    # (permissions come from the first backend's cache: no query here).
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS_MODULE}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS_MODULE}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS_MODULE}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS_MODULE}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
ACCOUNT_ADAPTER = "portal.accounts.allauth.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Failed sign-ins are limited per IP address and per account (allauth's format).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# How many proxies in front of the app we trust to append the visitor's address to
# X-Forwarded-For (0: the header is ignored and REMOTE_ADDR is the visitor). Every
# per-address limit, ours and allauth's, reads the visitor's address the same way.
INVOLVE_TRUSTED_PROXY_COUNT = int(os.environ.get("INVOLVE_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = INVOLVE_TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Involve"
# Staff (anyone who can reach the Wagtail admin) must set up MFA before using it.
INVOLVE_REQUIRE_STAFF_MFA = env_bool("INVOLVE_REQUIRE_STAFF_MFA", False)

# Internationalisation: British English source, three more languages (one RTL).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("pl", "Polski"),
    ("bn", "বাংলা"),
    ("ar", "العربية"),
]
LANGUAGE_NAMES_IN_ENGLISH = {
    "en-gb": _("English"),
    "pl": _("Polish"),
    "bn": _("Bengali"),
    "ar": _("Arabic"),
}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
# Whose bank holidays working days skip: ENG (England and Wales), WLS, SCT or NIR.
INVOLVE_BANK_HOLIDAY_NATION = os.environ.get("INVOLVE_BANK_HOLIDAY_NATION", "ENG")
USE_I18N = True
USE_TZ = True

# Static files and uploads
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Private files (evidence, receipts, bank statements) never sit under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: console unless a real backend is configured by the environment.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "involve@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages: console by default; a provider's backend class in production.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "portal.core.sms.ConsoleSmsBackend")
# Texts a person gets a year before messages go by their next channel ("10 texts a
# year", agreement 003); essential messages (a cancellation on the day) pass it.
INVOLVE_SMS_YEARLY_CAP = int(os.environ.get("INVOLVE_SMS_YEARLY_CAP", "10"))
# No texts overnight (London time, "HH:MM-HH:MM"; empty for none): held until the end.
INVOLVE_SMS_QUIET_HOURS = os.environ.get("INVOLVE_SMS_QUIET_HOURS", "21:00-08:00")
# People with a training place are reminded this many days before the session.
INVOLVE_TRAINING_REMINDER_DAYS = int(
    os.environ.get("INVOLVE_TRAINING_REMINDER_DAYS", "2")
)
# A meeting change announced this many hours or fewer before the start people
# planned for is urgent: the texts pass quiet hours and the yearly cap (audited).
INVOLVE_URGENT_CHANGE_HOURS = int(os.environ.get("INVOLVE_URGENT_CHANGE_HOURS", "24"))
# Days past a meeting's minutes deadline at which whoever looks after its page is
# reminded, while the minutes are unpublished (`chase_late_minutes`; comma-separated).
INVOLVE_LATE_MINUTES_CHASE_DAYS = tuple(
    sorted(
        int(days) for days in env_list("INVOLVE_LATE_MINUTES_CHASE_DAYS", "1,5,10,20")
    )
)
# GOV.UK Notify (portal.core.govuk_notify), when chosen as SMS_BACKEND/EMAIL_BACKEND.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "")
NOTIFY_SMS_TEMPLATE_ID = os.environ.get("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_CALLBACK_TOKEN = os.environ.get("NOTIFY_CALLBACK_TOKEN", "")

# Demo data has known passwords: only dev and test settings allow loading it.
INVOLVE_DEMO_ALLOWED = False

# Wagtail
WAGTAIL_SITE_NAME = "Involve"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No Gravatar: staff avatars would tell a third party who uses the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The admin signs in through the same allauth flow (and MFA) as everyone else.
# Our /admin/login/ sends visitors to the site sign-in, and tells signed-in people
# without admin access so (instead of a sign-in redirect loop).
WAGTAILADMIN_LOGIN_URL = "admin_sign_in"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILSEARCH_BACKENDS = {
    # PostgreSQL full-text search on PostgreSQL, SQLite FTS on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Security headers that hold everywhere; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy (django-csp). Public and portal pages use no inline code
# and one small script file of their own (static/js/reveal.js), so the policy is
# strict; inline style *attributes* are allowed for the results charts' bars (they
# cannot run code). Wagtail's admin and page editor need inline scripts and
# styles, so /admin/ has its own, looser policy
# (portal.core.middleware.InvolveCSPMiddleware). Media on another origin (an S3
# bucket or CDN) is named in INVOLVE_CSP_MEDIA_ORIGINS.
_MEDIA_ORIGINS = env_list("INVOLVE_CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "media-src": ["'self'", *_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
INVOLVE_ADMIN_CSP = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
}

# Every line carries the request id (config.observability); production switches the
# formatter to JSON (LOG_FORMAT=json) for the log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.observability.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Task start/finish and page publish lines are noise at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # fpdf2 subsets each certificate font with fontTools: ~40 INFO lines a font.
        "fontTools": {"level": "WARNING"},
    },
}

# /readyz gives each dependency this many seconds to answer.
INVOLVE_READYZ_TIMEOUT = float(os.environ.get("INVOLVE_READYZ_TIMEOUT", "3"))

# Every form renders with the error summary and accessible field markup.
FORM_RENDERER = "config.forms.InvolveFormRenderer"

# New or changed bank details: payments wait this many working days after the
# details are checked, so a fraudulent change can be caught.
INVOLVE_BANK_DETAILS_COOLING_OFF_DAYS = int(
    os.environ.get("INVOLVE_BANK_DETAILS_COOLING_OFF_DAYS", "5")
)

# Grants above this need a second approval by a different Finance approver.
INVOLVE_GRANT_SECOND_APPROVAL_OVER = os.environ.get(
    "INVOLVE_GRANT_SECOND_APPROVAL_OVER", "1000"
)
# Expense claims above this need a second, different approver.
INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE = os.environ.get(
    "INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE", "100"
)
# The yearly involvement budget that expenses are reported against (£).
INVOLVE_EXPENSES_BUDGET = os.environ.get("INVOLVE_EXPENSES_BUDGET", "20000")

# Another format (Braille, audio, large print, translation…) is sent within this many
# working days of the request.
INVOLVE_FORMAT_REQUEST_WORKING_DAYS = int(
    os.environ.get("INVOLVE_FORMAT_REQUEST_WORKING_DAYS", "10")
)
# Plain English: editors see a Flesch reading ease score for their draft; 60 or more
# is plain English that most adults read easily.
INVOLVE_READABILITY_TARGET = int(os.environ.get("INVOLVE_READABILITY_TARGET", "60"))
