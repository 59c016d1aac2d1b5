import pytest
from django.core import mail
from django_tasks import TaskResultStatus

from portal.core.tasks import send_email
from tests.worker import run_db_worker


@pytest.mark.django_db
def test_send_email_task_delivers_the_message():
    result = send_email.enqueue(
        subject="Your meeting", body="See you there", to=["rosa@example.org"]
    )
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert mail.outbox[0].subject == "Your meeting"
    assert mail.outbox[0].to == ["rosa@example.org"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_task_round_trips_through_a_real_worker_process(settings, tmp_path):
    """Queue a task in PostgreSQL, let a separate `db_worker` process run it, and
    see the email it sent and the result it recorded."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_email.enqueue(
        subject="Queued through the worker", body="Hello", to=["rosa@example.org"]
    )
    assert result.status == TaskResultStatus.READY

    run_db_worker(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    sent = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "Subject: Queued through the worker" in sent
