"""Request ids in responses and logs, JSON logs in production, Sentry without
personal data."""

import json
import logging

import pytest

from config.observability import (
    RequestIdFilter,
    request_id_bound,
    sentry_before_send,
)
from tests.config.test_settings import PRODUCTION_ENV, run_manage


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32
    assert first != second


def test_a_proxys_request_id_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-1234.abc"})
    assert response["X-Request-ID"] == "lb-1234.abc"


@pytest.mark.parametrize("bad", ["a b", "x" * 200, "id\nforged log line", "<script>"])
def test_a_request_id_that_is_not_an_id_is_replaced(client, bad):
    response = client.get("/healthz", headers={"X-Request-ID": bad})
    assert response["X-Request-ID"] != bad
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_carry_the_request_id():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    with request_id_bound("job-42"):
        RequestIdFilter().filter(record)
    assert record.request_id == "job-42"
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_production_logs_one_json_object_a_line_with_the_request_id():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import logging; from config.observability import request_id_bound\n"
        "with request_id_bound('req-7'):\n"
        "    logging.getLogger('involve').warning('claim %s sent', 12)",
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "claim 12 sent"
    assert line["request_id"] == "req-7"
    assert line["level"] == "WARNING"
    assert line["name"] == "involve"


def test_production_starts_sentry_only_when_a_dsn_is_set():
    probe = (
        "import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options.get('send_default_pii'))"
    )
    without = run_manage("shell", "--no-imports", "-c", probe, env=PRODUCTION_ENV)
    assert without.stdout.strip() == "False None", without.stderr
    with_dsn = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        env={**PRODUCTION_ENV, "SENTRY_DSN": "https://public@127.0.0.1:9/1"},
    )
    assert with_dsn.stdout.strip() == "True False", with_dsn.stderr


def test_sentry_events_lose_bodies_cookies_query_strings_and_addresses():
    event = {
        "request": {
            "url": "https://involve.example.org/portal/expenses/?postcode=RV1+3AG",
            "query_string": "postcode=RV1+3AG",
            "data": {"bank_account": "12345678"},
            "cookies": {"sessionid": "abc"},
            "headers": {
                "Cookie": "sessionid=abc",
                "Authorization": "Bearer x",
                "X-Forwarded-For": "203.0.113.9",
                "User-Agent": "Firefox",
            },
            "env": {"REMOTE_ADDR": "203.0.113.9"},
        },
        "user": {"id": 7, "email": "resident@example.org", "ip_address": "1.2.3.4"},
        "breadcrumbs": {
            "values": [{"data": {"url": "/search/?q=my+name", "http.query": "q=x"}}]
        },
    }
    with request_id_bound("req-9"):
        cleaned = sentry_before_send(event, {})
    text = json.dumps(cleaned)
    for secret in ("RV1", "12345678", "abc", "Bearer", "203.0.113.9", "resident@"):
        assert secret not in text
    assert cleaned["request"]["url"] == "https://involve.example.org/portal/expenses/"
    assert cleaned["request"]["headers"] == {"User-Agent": "Firefox"}
    assert cleaned["user"] == {"id": 7}
    assert cleaned["breadcrumbs"]["values"][0]["data"] == {"url": "/search/"}
    assert cleaned["tags"]["request_id"] == "req-9"


@pytest.mark.django_db
def test_a_tasks_log_lines_carry_the_id_of_the_request_that_queued_it(settings):
    from django_tasks.signals import task_finished, task_started

    from config.observability import current_request_id
    from portal.core.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with request_id_bound("req-from-the-web"):
        result = send_email.enqueue(subject="s", body="b", to=["a@example.org"])
    assert current_request_id() == "-"
    # What db_worker sends around each task it runs (in another process).
    task_started.send(sender=None, task_result=result)
    assert current_request_id() == "req-from-the-web"
    task_finished.send(sender=None, task_result=result)
    assert current_request_id() == "-"


@pytest.mark.django_db
def test_a_task_queued_outside_a_request_gets_its_own_id(settings):
    from django_tasks.signals import task_finished, task_started

    from config.observability import current_request_id
    from portal.core.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_email.enqueue(subject="s", body="b", to=["a@example.org"])
    task_started.send(sender=None, task_result=result)
    assert current_request_id() == f"task-{result.id}"
    task_finished.send(sender=None, task_result=result)
