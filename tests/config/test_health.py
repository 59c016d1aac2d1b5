"""/healthz (liveness) and /readyz (readiness of every dependency)."""

import json
import os
import subprocess
import sys

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
