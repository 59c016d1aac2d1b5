"""Every periodic job, declared once: what runs and how often.

Times are cron expressions read in Europe/London (so "07:00" stays 07:00 through
the clock changes). The scheduler (`manage.py run_scheduler`) only *enqueues* each
job as a django-tasks task when it falls due; the workers (`db_worker`) do the work.
Each job is a management command that is safe to run twice, so a job that runs
late, or once more after a failover, does no harm.

Daily jobs avoid 01:00–02:59, the hours that are skipped or repeated when the clocks
change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from croniter import croniter

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    cron: str
    description: str

    def last_due(self, now: datetime) -> datetime:
        """The latest time at or before `now` when this job was due (aware, UTC)."""
        local = now.astimezone(LONDON)
        # croniter counts back from just after `now`, so a job due exactly now is
        # due now, not a period ago.
        start = local.replace(second=0, microsecond=0)
        itr = croniter(self.cron, start)
        due = start if croniter.match(self.cron, start) else itr.get_prev(datetime)
        return due.astimezone(ZoneInfo("UTC"))


JOBS: tuple[Job, ...] = (
    Job(
        "publish_scheduled",
        "publish_scheduled",
        "* * * * *",
        "Publish and unpublish pages whose go-live or expiry time has come (Wagtail).",
    ),
    Job(
        "retry_notifications",
        "retry_notifications",
        "*/5 * * * *",
        "Queue failed emails and texts again.",
    ),
    Job(
        "send_meeting_reminders",
        "send_meeting_reminders",
        "0 * * * *",
        "Remind people coming to a meeting a few days before.",
    ),
    Job(
        "purge_prepared_exports",
        "purge_prepared_exports",
        "10 * * * *",
        "Delete large exports prepared for staff once they are a day old.",
    ),
    Job(
        "send_recognition_reminders",
        "send_recognition_reminders",
        "0 7 * * *",
        "Remind group officers before recognition or evidence expires.",
    ),
    Job(
        "send_grant_report_reminders",
        "send_grant_report_reminders",
        "15 7 * * *",
        "Remind grant holders before their end-of-grant report is due.",
    ),
    Job(
        "send_training_reminders",
        "send_training_reminders",
        "20 7 * * *",
        "Remind people with a training place a couple of days before the session.",
    ),
    Job(
        "send_action_reminders",
        "send_action_reminders",
        "30 7 * * *",
        "Remind action owners a week before the due date and once it has passed.",
    ),
    Job(
        "send_scrutiny_reminders",
        "send_scrutiny_reminders",
        "45 7 * * *",
        "Remind staff before a scrutiny review's response is due and once it is late.",
    ),
    Job(
        "chase_late_minutes",
        "chase_late_minutes",
        "0 8 * * 1-5",
        "Remind whoever looks after a meeting page when its minutes are late.",
    ),
    Job(
        "purge_signatures",
        "purge_signatures",
        "30 4 * * *",
        "Delete expired signers' details after the retention period.",
    ),
    Job(
        "purge_personal_data",
        "purge_personal_data",
        "45 4 * * *",
        "Clear closed accounts' details from payment records past their retention.",
    ),
    Job(
        "send_digests",
        "send_digests",
        "0 7 * * *",
        "Daily round-ups of news people follow; weekly ones on Mondays.",
    ),
)

JOBS_BY_NAME = {job.name: job for job in JOBS}
