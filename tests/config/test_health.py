"""/healthz (liveness) and /readyz (readiness of every dependency)."""

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_readyz_reports_every_dependency_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert set(body["checks"]) == {
        "database",
        "cache",
        "storage_default",
        "storage_private",
    }
    assert all(check["ok"] for check in body["checks"].values())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    # The database probe runs on its own short-lived connection (another thread);
    # the request itself touches no table (no session, no settings, no user).
    with django_assert_max_num_queries(0):
        assert client.get("/readyz").status_code == 200


def _readyz_in_a_process(env: dict[str, str]) -> tuple[int, str]:
    """Start a fresh process with real (unreachable) settings and ask /readyz."""
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='localhost').get('/readyz'); print(r.status_code); "
        "print(r.content.decode())"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "INVOLVE_VAR_DIR"}
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    return int(status), body


def test_readyz_names_a_database_that_does_not_answer_without_its_address(tmp_path):
    # The file folders are missing too (never created under this INVOLVE_VAR_DIR).
    # Port 1 on the loopback: nothing listens, so connecting is refused at once.
    status, body = _readyz_in_a_process(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": "postgres://involve:s3cret-pw@127.0.0.1:1/involve",
            "INVOLVE_VAR_DIR": str(tmp_path),
        }
    )
    assert status == 503
    data = json.loads(body)
    assert data["status"] == "failing"
    assert data["failed"] == ["database", "storage_default", "storage_private"]
    assert data["checks"]["database"]["error"] == "OperationalError"
    assert data["checks"]["cache"]["ok"] is True
    # Nothing about where the database is or how to sign in to it.
    assert "s3cret" not in body
    assert "127.0.0.1" not in body
    assert "involve" not in body


def test_readyz_names_a_cache_that_does_not_answer(tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "private").mkdir()
    status, body = _readyz_in_a_process(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "REDIS_URL": "redis://127.0.0.1:1/0",
            "INVOLVE_VAR_DIR": str(tmp_path),
        }
    )
    data = json.loads(body)
    assert status == 503
    assert data["failed"] == ["cache"]
    assert data["checks"]["database"]["ok"] is True
    assert data["checks"]["storage_private"]["ok"] is True


class ThrowawayPostgres:
    """A PostgreSQL server of the test's own (initdb in a temporary folder), so
    the test can stop a real server without touching the one the suite uses."""

    def __init__(self):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        assert binaries, "PostgreSQL's server programs (Debian: postgresql) are needed"
        self.bin = os.path.dirname(binaries[-1])
        # Its own folder under /tmp: the server's user cannot enter pytest's.
        self.folder = Path(tempfile.mkdtemp(prefix="involve-pg-"))
        self.data = self.folder / "data"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # The server refuses to run as root; the folder must belong to its user.
        self.prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.prefix:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")

    def _run(self, program, *args):
        subprocess.run(
            [*self.prefix, os.path.join(self.bin, program), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self):
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "server.log")  # not our pipes, or run() waits on it
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start"
        )

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.mark.postgres
def test_readyz_fails_clearly_when_the_database_server_is_stopped(tmp_path):
    """A real server, answering and then stopped: ready, then 503 naming the
    database and nothing else."""
    server = ThrowawayPostgres()
    (tmp_path / "media").mkdir()
    (tmp_path / "private").mkdir()
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": server.url,
        "INVOLVE_VAR_DIR": str(tmp_path),
    }
    try:
        server.start()
        try:
            status, body = _readyz_in_a_process(env)
            assert status == 200, body
        finally:
            server.stop()
        status, body = _readyz_in_a_process(env)
    finally:
        server.remove()
    assert status == 503
    data = json.loads(body)
    assert data["failed"] == ["database"]
    assert data["checks"]["database"]["error"] == "OperationalError"
    assert str(server.port) not in body
