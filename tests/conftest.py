"""Shared fixtures: the demo site is built once per test session and rolled back
around every test, so each test starts from the same landlord, pages and logins."""

import os
import shutil

import pytest
from hypothesis import HealthCheck, settings

from tests.demo_snapshot import build_demo, restore_demo

# Playwright's sync API runs an event loop in the main thread; Django then refuses
# ORM calls from that thread unless told it is safe (it is: one thread per test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests judge results, not speed: on a loaded machine (two test processes,
# a browser) Hypothesis's timing checks failed a calculator test that was right.
settings.register_profile(
    "involve", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("involve")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _deselect(config, items, marker, reason):
    chosen = [item for item in items if marker in item.keywords]
    if not chosen:
        return items
    config.hook.pytest_deselected(items=chosen)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    message = f"Deselected {len(chosen)} '{marker}' test(s): {reason}"
    if reporter:
        reporter.write_line(message, yellow=True, bold=True)
    return [item for item in items if marker not in item.keywords]


def _missing_tools() -> list[tuple[str, str]]:
    """(marker, reason) for each kind of test this machine cannot run."""
    missing = []
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing.append(
            (
                "browser",
                f"no Chromium at {CHROMIUM} (apt-get install chromium; CI runs them)",
            )
        )
    from portal.training.certificates import ARABIC, BENGALI

    fonts = [BENGALI.default_path, ARABIC.default_path]
    if not (
        shutil.which("pdftotext")
        and shutil.which("pdffonts")
        and all(map(os.path.exists, fonts))
    ):
        missing.append(
            (
                "fonts",
                "no Noto Bengali and Arabic fonts or no pdftotext and pdffonts "
                "(apt-get install "
                "fonts-noto-core poppler-utils; CI runs them)",
            )
        )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        missing.append(
            (
                "worker",
                "a separate worker process cannot share an in-memory SQLite "
                "database (CI runs them on PostgreSQL)",
            )
        )
        missing.append(
            (
                "postgres",
                "SQLite has no row locks to prove two-at-once behaviour (CI runs "
                "them on PostgreSQL)",
            )
        )
    return missing


def pytest_report_header(config):
    """Said at the top of every run, also under pytest-xdist (whose worker
    processes collect the tests out of sight)."""
    return [
        f"Deselecting '{marker}' tests: {reason}" for marker, reason in _missing_tools()
    ]


def pytest_collection_modifyitems(config, items):
    """Tests that need a tool this machine lacks are deselected with a printed
    reason, never silently passed. CI installs Chromium and uses PostgreSQL."""
    for marker, reason in _missing_tools():
        items[:] = _deselect(config, items, marker, reason)


# Fixtures whose tests end by emptying the whole database (Django's
# TransactionTestCase flush) instead of rolling back.
FLUSHING_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool(FLUSHING_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Run alone, pytest-django puts every database-emptying test after the
    rolled-back ones. Under pytest-xdist a worker may be handed a browser test's
    file and then an ordinary one, so put the demo back once the emptying test is
    done, before an ordinary test that expects it."""
    yield
    if (
        _flushes_database(item)
        and nextitem is not None
        and not _flushes_database(nextitem)
    ):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore_demo()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        build_demo()


@pytest.fixture
def demo_site(live_server):
    """For live-server tests: each one ends by emptying the database, so build the
    demo back and return the server's address."""
    restore_demo()
    return live_server.url


@pytest.fixture
def demo_data(transactional_db):
    """For transactional (two-at-once) tests: an earlier one may have emptied the
    database, so put the demo back."""
    restore_demo()


@pytest.fixture
def user(db):
    from portal.accounts.factories import UserFactory

    return UserFactory()


@pytest.fixture
def resident(db):
    from portal.accounts.models import User

    return User.objects.get(email="resident@example.org")


def sign_in(client, email, password="Involve-demo-2026"):
    """Sign in through allauth's real form (not force_login), as a person would."""
    response = client.post("/accounts/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache (Redis in CI): start each test clean."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A test that switches language (a request under /ar/, an email rendered in
    the recipient's language) must not leave it on for the next test."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
