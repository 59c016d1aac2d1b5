"""Shared fixtures: the demo site is built once per test session and rolled back
around every test, so each test starts from the same landlord, pages and logins."""

import io
import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the main thread; Django then refuses
# ORM calls from that thread unless told it is safe (it is: one thread per test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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


def pytest_collection_modifyitems(config, items):
    """Tests that need a tool this machine lacks are deselected with a printed
    reason, never silently passed. CI installs Chromium and uses PostgreSQL."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        items[:] = _deselect(
            config,
            items,
            "browser",
            f"no Chromium at {CHROMIUM} (apt-get install chromium; CI runs them)",
        )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        items[:] = _deselect(
            config,
            items,
            "worker",
            "a separate worker process cannot share an in-memory SQLite "
            "database (CI runs them on PostgreSQL)",
        )
        items[:] = _deselect(
            config,
            items,
            "postgres",
            "SQLite has no row locks to prove two-at-once behaviour (CI runs "
            "them on PostgreSQL)",
        )


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
        call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture
def demo_site(live_server):
    """For live-server tests: each one ends by emptying the database, so build the
    demo again (from nothing if need be) and return the server's address."""
    call_command("load_demo_data", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def demo_data(transactional_db):
    """For transactional (two-at-once) tests: an earlier one may have emptied the
    database, so build the demo again."""
    call_command("load_demo_data", stdout=io.StringIO())


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
