"""Issue 19: a listing export over INVOLVE_EXPORT_BACKGROUND_ROWS rows is made by a
task worker and offered on /admin/exports/ to the person who asked, and to nobody
else; files are purged after a day."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend
from openpyxl import load_workbook

from portal.core.models import AuditEntry, PreparedExport
from portal.core.prepared_exports import prepare_export
from portal.expenses.management.commands.bench_exports import add_claims
from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in
from tests.worker import run_db_worker

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LISTING = "/admin/expense_claims/"


@pytest.fixture
def queued(settings):
    """Tasks are held, as in production before a worker picks them up; the
    threshold is low so a handful of claims counts as a large export."""
    settings.TASKS = DUMMY
    settings.INVOLVE_EXPORT_BACKGROUND_ROWS = 5
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def ask_for_export(client, django_capture_on_commit_callbacks, fmt="csv", query=""):
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(f"{LISTING}?export={fmt}{query}")


def rows_of(body: bytes, fmt: str) -> list:
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode())))
    return list(load_workbook(io.BytesIO(body), read_only=True).active.values)


def test_an_export_under_the_threshold_streams_as_before(client, settings):
    settings.INVOLVE_EXPORT_BACKGROUND_ROWS = ExpenseClaim.objects.count() + 10
    sign_in(client, "officer@example.org")
    response = client.get(f"{LISTING}?export=csv")
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert len(rows_of(body, "csv")) == ExpenseClaim.objects.count() + 1
    assert not PreparedExport.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_prepared_by_the_worker_and_downloaded_by_its_owner(
    client, queued, django_capture_on_commit_callbacks, fmt
):
    add_claims(20)
    sign_in(client, "officer@example.org")
    response = ask_for_export(client, django_capture_on_commit_callbacks, fmt)
    assert response.status_code == 302
    assert response["Location"] == "/admin/exports/"

    export = PreparedExport.objects.get()
    assert export.status == PreparedExport.Status.PREPARING
    assert export.rows == ExpenseClaim.objects.count()
    queued_exports = [
        result.kwargs
        for result in default_task_backend.results
        if result.task.func is prepare_export.func
    ]
    assert queued_exports == [{"export_id": str(export.pk)}]
    page = client.get("/admin/exports/")
    assert "We are preparing your file; we will show it here when it is ready." in (
        page.content.decode()
    )
    assert "Being prepared" in page.content.decode()
    assert f"/admin/exports/{export.pk}/download/" not in page.content.decode()
    # Not ready yet: nothing to download.
    assert client.get(f"/admin/exports/{export.pk}/download/").status_code == 404

    # The worker runs the task.
    assert prepare_export.call(export_id=str(export.pk)) == "ready"

    page = client.get("/admin/exports/").content.decode()
    assert f"/admin/exports/{export.pk}/download/" in page
    assert "We are preparing your file" not in page
    download = client.get(f"/admin/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert f'filename="expense-claims.{fmt}"' in download["Content-Disposition"]
    rows = rows_of(b"".join(download.streaming_content), fmt)
    assert rows[0][0] == "Reference"
    assert len(rows) == ExpenseClaim.objects.count() + 1
    actions = list(
        AuditEntry.objects.filter(object_id=str(export.pk)).values_list(
            "action", "actor__email"
        )
    )
    assert ("export.requested", "officer@example.org") in actions
    assert ("export.downloaded", "officer@example.org") in actions


def test_the_prepared_file_keeps_the_listings_filters(
    client, queued, django_capture_on_commit_callbacks
):
    add_claims(100)
    sign_in(client, "officer@example.org")
    ask_for_export(client, django_capture_on_commit_callbacks, query="&status=paid")
    export = PreparedExport.objects.get()
    paid = ExpenseClaim.objects.filter(status="paid").count()
    assert export.rows == paid
    prepare_export.call(export_id=str(export.pk))
    body = b"".join(
        client.get(f"/admin/exports/{export.pk}/download/").streaming_content
    )
    assert len(rows_of(body, "csv")) == paid + 1


def test_nobody_else_may_see_or_download_it(
    client, queued, django_capture_on_commit_callbacks
):
    add_claims(20)
    sign_in(client, "officer@example.org")
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = PreparedExport.objects.get()
    prepare_export.call(export_id=str(export.pk))
    url = f"/admin/exports/{export.pk}/download/"

    client.logout()
    assert client.get(url).status_code == 302  # to sign in
    sign_in(client, "admin@example.org")  # even a superuser
    assert client.get(url).status_code == 404
    assert url not in client.get("/admin/exports/").content.decode()
    assert not AuditEntry.objects.filter(action="export.downloaded").exists()


def test_running_the_task_twice_makes_the_file_once(
    client, queued, django_capture_on_commit_callbacks
):
    add_claims(20)
    sign_in(client, "officer@example.org")
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = PreparedExport.objects.get()
    prepare_export.call(export_id=str(export.pk))
    name = PreparedExport.objects.get().file.name
    assert prepare_export.call(export_id=str(export.pk)) == "ready"
    assert PreparedExport.objects.get().file.name == name


def test_an_export_the_person_may_no_longer_make_fails_clearly(
    client, queued, django_capture_on_commit_callbacks
):
    add_claims(20)
    sign_in(client, "officer@example.org")
    ask_for_export(client, django_capture_on_commit_callbacks)
    export = PreparedExport.objects.get()
    officer = export.requested_by
    officer.groups.clear()
    officer.user_permissions.clear()
    if officer.is_superuser:
        pytest.skip("the officer is a superuser in this demo")
    assert prepare_export.call(export_id=str(export.pk)) == "failed"
    assert not PreparedExport.objects.get().file


def test_purge_removes_exports_a_day_old_with_their_files(
    client, queued, django_capture_on_commit_callbacks, time_machine
):
    add_claims(20)
    sign_in(client, "officer@example.org")
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC))
    ask_for_export(client, django_capture_on_commit_callbacks)
    old = PreparedExport.objects.get()
    prepare_export.call(export_id=str(old.pk))
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)

    time_machine.move_to(datetime.datetime(2026, 12, 2, 8, tzinfo=datetime.UTC))
    ask_for_export(client, django_capture_on_commit_callbacks)
    call_command("purge_prepared_exports", stdout=io.StringIO())
    assert PreparedExport.objects.filter(pk=old.pk).exists()  # 23 hours old

    time_machine.move_to(datetime.datetime(2026, 12, 2, 9, 1, tzinfo=datetime.UTC))
    out = io.StringIO()
    call_command("purge_prepared_exports", stdout=out)
    assert "1 prepared export(s) deleted." in out.getvalue()
    assert not PreparedExport.objects.filter(pk=old.pk).exists()
    assert not storage.exists(name)
    assert PreparedExport.objects.count() == 1  # the newer one stays
    # Gone from the owner's page and their download is "not found".
    assert client.get(f"/admin/exports/{old.pk}/download/").status_code == 404


def test_purge_runs_hourly_from_the_scheduler():
    from portal.scheduler.jobs import JOBS_BY_NAME

    job = JOBS_BY_NAME["purge_prepared_exports"]
    assert job.command == "purge_prepared_exports"
    assert job.cron.split()[1:] == ["*", "*", "*", "*"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_large_export_is_made_by_a_real_worker_process(client, demo_data, settings):
    """As in production: the request queues the task in PostgreSQL, a separate
    `manage.py db_worker` process makes the file, and its owner downloads it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.INVOLVE_EXPORT_BACKGROUND_ROWS = 5
    add_claims(20)
    sign_in(client, "officer@example.org")
    response = client.get(f"{LISTING}?export=csv")
    assert response.status_code == 302
    export = PreparedExport.objects.get()
    assert export.status == PreparedExport.Status.PREPARING

    run_db_worker()

    export.refresh_from_db()
    assert export.status == PreparedExport.Status.READY
    download = client.get(f"/admin/exports/{export.pk}/download/")
    assert download.status_code == 200
    rows = rows_of(b"".join(download.streaming_content), "csv")
    assert rows[0][0] == "Reference"
    assert len(rows) == ExpenseClaim.objects.count() + 1
