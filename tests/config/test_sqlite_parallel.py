"""`make run` serves from a SQLite file: ten people sending a consultation's
answers at the same moment must all be saved (they wait their turn for the
write lock) rather than some of them being told "database is locked"."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# Runs in its own process with the development settings (`make run`), pointed at
# a file copy of the test database, so ten threads hold ten real connections.
SCRIPT = r"""
import json, sys, threading
import django
django.setup()
from django.db import connection
from django.test import Client
from wagtail.models import Locale
from cms.consultations.models import ConsultationPage, Response

survey = ConsultationPage.objects.get(
    slug="magazine-survey", locale=Locale.get_default()
)
blocks = list(survey.questions)
data = {
    f"q_{blocks[0].id}": "Unhappy",
    f"q_{blocks[1].id}": ["Cost", "Speed"],
    f"q_{blocks[2].id}": "2",
    f"q_{blocks[3].id}_0": "3",
    f"q_{blocks[3].id}_1": "1",
    f"q_{blocks[3].id}_2": "2",
    f"q_{blocks[4].id}": "More bins please",
}
url = survey.url + "respond/"
before = Response.objects.filter(consultation=survey).count()
journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
connection.close()
start = threading.Barrier(10, timeout=120)
codes, errors = [], []

def send(n):
    client = Client(REMOTE_ADDR=f"10.0.0.{n}", HTTP_HOST="localhost")
    client.get(url)
    start.wait()
    try:
        codes.append(client.post(url, data).status_code)
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=send, args=(n,)) for n in range(10)]
for t in threads: t.start()
for t in threads: t.join()
saved = Response.objects.filter(consultation=survey).count() - before
print(json.dumps(
    {"codes": codes, "errors": errors, "saved": saved, "journal": journal}
))
"""


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """A file copy of the demo database this session built (taken between tests,
    when no test transaction holds it)."""
    path = tmp_path_factory.mktemp("parallel") / "involve.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="about SQLite only; CI also runs on SQLite"
)
# Marked so that, run on its own, pytest-django still builds the test database
# (it builds only the databases its marked tests ask for).
@pytest.mark.django_db
def test_ten_parallel_consultation_answers_on_a_sqlite_file_all_save(sqlite_file):
    path = sqlite_file
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    # What people see first (everyone's answers saved), then the setting that does it.
    assert outcome["errors"] == [], outcome
    assert outcome["codes"] == [302] * 10, outcome
    assert outcome["saved"] == 10, outcome
    assert outcome["journal"] == "wal"
