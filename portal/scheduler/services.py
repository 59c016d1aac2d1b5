"""The scheduler's writes: enqueue the jobs that have fallen due, once each."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .jobs import JOBS, Job
from .models import JobRun
from .tasks import run_scheduled_job

logger = logging.getLogger(__name__)

# Runs are kept a week (enough to see what ran when), then deleted.
KEEP_RUNS = timedelta(days=7)


def scheduler_tick(*, now: datetime | None = None, jobs: tuple[Job, ...] = JOBS):
    """Enqueue every job whose latest due time has not been enqueued yet.

    Safe with any number of schedulers at once: the (job, due at) row is inserted
    in the same transaction as the task, and the unique constraint lets one win.
    A scheduler that was stopped catches up the latest missed run of each job (not
    every missed one). Returns the names of the jobs it enqueued.
    """
    now = now or timezone.now()
    enqueued: list[str] = []
    for job in jobs:
        due = job.last_due(now)
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, due_at=due)
                result = run_scheduled_job.enqueue(job_name=job.name, run_id=run.pk)
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another scheduler enqueued it for this due time
        logger.info("Enqueued %s (due %s)", job.name, due.isoformat())
        enqueued.append(job.name)
    JobRun.objects.filter(due_at__lt=now - KEEP_RUNS).delete()
    return enqueued
