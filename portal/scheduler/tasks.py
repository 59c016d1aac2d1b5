"""The one task every scheduled job runs through (on a worker)."""

import io
import logging

from django.core.management import call_command
from django_tasks import task

from config.observability import request_id_bound

logger = logging.getLogger(__name__)


@task()
def run_scheduled_job(*, job_name: str, run_id: int) -> str:
    """Run one scheduled job's command; its log lines carry `job-<name>-<run id>`."""
    from .jobs import JOBS_BY_NAME

    job = JOBS_BY_NAME[job_name]
    output = io.StringIO()
    with request_id_bound(f"job-{job.name}-{run_id}"):
        logger.info("Scheduled job %s started", job.name)
        call_command(job.command, stdout=output)
        logger.info("Scheduled job %s finished: %s", job.name, output.getvalue())
    return output.getvalue()[-2000:]
