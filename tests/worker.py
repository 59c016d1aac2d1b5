"""Run a real `manage.py db_worker` (django-tasks' database backend) against the
test database until the queue is empty: for tests that prove a task goes through
the worker process as in production, not a call in the test's own process."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def run_db_worker(**env) -> subprocess.CompletedProcess:
    """One batch of the worker (every task queued now), with `env` added to its
    environment; it shares the test's database and private files."""
    db = connection.settings_dict
    completed = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
                f"/{db['NAME']}"
            ),
            "TASKS_BACKEND": "database",
            "INVOLVE_TEST_PRIVATE_ROOT": settings.STORAGES["private"]["OPTIONS"][
                "location"
            ],
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return completed
