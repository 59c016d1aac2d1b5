"""Periodic jobs: declared once, enqueued once per period however many schedulers
run, and done by the workers (a scheduled page goes live on time)."""

import datetime
import io
import os
import subprocess
import sys
import threading
import zoneinfo

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command, get_commands
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from cms.core.models import StandardPage
from home.models import HomePage
from portal.scheduler.jobs import JOBS, JOBS_BY_NAME
from portal.scheduler.leader import Leadership
from portal.scheduler.models import JobRun
from portal.scheduler.services import scheduler_tick

LONDON = zoneinfo.ZoneInfo("Europe/London")
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _queued_jobs() -> list[str]:
    return sorted(
        row["kwargs"]["job_name"]
        for row in DBTaskResult.objects.filter(
            task_path="portal.scheduler.tasks.run_scheduled_job"
        ).values_list("args_kwargs", flat=True)
    )


def test_every_job_is_a_real_command_with_a_valid_schedule():
    commands = get_commands()
    wanted = {
        "publish_scheduled": "* * * * *",
        "retry_notifications": "*/5 * * * *",
        "send_meeting_reminders": "0 * * * *",
    }
    for job in JOBS:
        assert job.command in commands, job.command
        assert job.last_due(at("2026-06-01T12:34")) <= at("2026-06-01T12:34")
    for name, cron in wanted.items():
        assert JOBS_BY_NAME[name].cron == cron
    daily = {"send_recognition_reminders", "purge_signatures"}
    daily |= {"send_grant_report_reminders"}
    for name in daily:
        assert JOBS_BY_NAME[name].cron.endswith(" * * *")
        assert JOBS_BY_NAME[name].cron.split()[:2] != ["*", "*"]


def test_daily_jobs_keep_london_time_through_the_clock_change():
    job = JOBS_BY_NAME["send_recognition_reminders"]
    winter = job.last_due(at("2026-01-10T09:00"))
    summer = job.last_due(at("2026-07-10T09:00"))
    assert winter.astimezone(LONDON).hour == summer.astimezone(LONDON).hour == 7
    assert winter.hour == 7  # 07:00 UTC in winter
    assert summer.hour == 6  # 06:00 UTC in summer


@pytest.mark.django_db
def test_each_job_is_enqueued_once_per_period(settings):
    settings.TASKS = QUEUED
    first = scheduler_tick(now=at("2026-03-02T10:00:20"))
    assert sorted(first) == sorted(job.name for job in JOBS)
    # Later in the same minute: nothing is due again.
    assert scheduler_tick(now=at("2026-03-02T10:00:50")) == []
    # A minute on: only the every-minute job.
    assert scheduler_tick(now=at("2026-03-02T10:01:05")) == ["publish_scheduled"]
    # Five minutes on: the retry job too; the next hour: the hourly job.
    assert sorted(scheduler_tick(now=at("2026-03-02T10:05:00"))) == [
        "publish_scheduled",
        "retry_notifications",
    ]
    assert "send_meeting_reminders" in scheduler_tick(now=at("2026-03-02T11:00:01"))
    queued = _queued_jobs()
    assert queued.count("send_recognition_reminders") == 1
    assert queued.count("send_meeting_reminders") == 2
    assert queued.count("publish_scheduled") == 4
    assert JobRun.objects.count() == len(queued)


@pytest.mark.django_db
def test_a_scheduled_page_goes_live_on_time(time_machine):
    """An editor schedules a page for 09:00; the scheduler's every-minute job,
    run by the task backend, publishes it then and not before."""
    time_machine.move_to(at("2026-05-11T08:30"), tick=False)
    home = HomePage.objects.get(locale__language_code="en-gb")
    page = StandardPage(title="Summer fun day", slug="summer-fun-day", live=False)
    home.add_child(instance=page)
    page.go_live_at = at("2026-05-11T09:00")
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live

    time_machine.move_to(at("2026-05-11T08:59:30"), tick=False)
    scheduler_tick()
    page.refresh_from_db()
    assert not page.live

    time_machine.move_to(at("2026-05-11T09:00:10"), tick=False)
    assert "publish_scheduled" in scheduler_tick()
    page.refresh_from_db()
    assert page.live
    # Live within the minute it was due.
    assert at("2026-05-11T09:00") <= page.first_published_at < at("2026-05-11T09:01")


@pytest.mark.django_db
def test_run_scheduler_once_enqueues_what_is_due(settings):
    settings.TASKS = QUEUED
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    assert "Scheduler stopped." in out.getvalue()
    assert len(_queued_jobs()) == len(JOBS)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_only_one_scheduler_leads_and_a_standby_takes_over():
    results: dict[str, bool] = {}
    leader_may_go = threading.Event()
    leader_chose = threading.Event()

    def first():
        lead = Leadership()
        results["first"] = lead.acquire()
        results["first_again"] = lead.acquire()
        leader_chose.set()
        leader_may_go.wait(30)
        connections.close_all()  # the process stops: PostgreSQL frees the lock

    def second():
        leader_chose.wait(30)
        lead = Leadership()
        results["second_while_first_leads"] = lead.acquire()
        leader_may_go.set()
        for _ in range(50):
            if lead.acquire():
                results["second_after"] = True
                break
            threading.Event().wait(0.1)
        lead.release()
        connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == {
        "first": True,
        "first_again": True,
        "second_while_first_leads": False,
        "second_after": True,
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_started_at_once_enqueue_each_job_once():
    """Two real `run_scheduler --once` processes, started together against the
    same PostgreSQL database, then two more a minute later (same period for the
    daily and hourly jobs): each job is queued once per period."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
            f"/{db['NAME']}"
        ),
        "TASKS_BACKEND": "database",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def start_two():
        processes = [
            subprocess.Popen(
                [sys.executable, "manage.py", "run_scheduler", "--once"],
                cwd=django_settings.BASE_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err

    start_two()
    queued = _queued_jobs()
    assert queued == sorted(job.name for job in JOBS)
    start_two()
    again = _queued_jobs()
    for name in ("send_recognition_reminders", "purge_signatures"):
        assert again.count(name) == 1
    assert JobRun.objects.count() == len(again)
