import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, connections
from django.utils import timezone

from portal.scheduler.jobs import JOBS
from portal.scheduler.leader import Leadership
from portal.scheduler.services import scheduler_tick

logger = logging.getLogger("portal.scheduler")


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (portal/scheduler/jobs.py) as tasks when they fall "
        "due. Start one or more: only the one holding the PostgreSQL lock enqueues; "
        "the others stand by and take over if it stops."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Check once, then exit (for cron)."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            help="Seconds between checks (default 60; jobs are at most per minute).",
        )

    def handle(self, *args, once=False, interval=60.0, **options):
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        leadership = Leadership()
        leading = False
        for job in JOBS:
            logger.info("Job %s: %s", job.name, job.cron)
        while not stop.is_set():
            try:
                now_leading = leadership.acquire()
                if now_leading != leading:
                    logger.info(
                        "This scheduler is %s",
                        "leading" if now_leading else "standing by",
                    )
                    leading = now_leading
                if leading:
                    scheduler_tick(now=timezone.now())
            except OperationalError:
                # Database away: drop the connection (and the lock with it) and
                # try again next time.
                logger.exception("Scheduler could not reach the database")
                connections["default"].close()
                leading = False
            if once:
                break
            # Wake just after the next whole interval (the top of the minute).
            stop.wait(interval - (time.time() % interval) + 1)
        if leading:
            leadership.release()
        self.stdout.write("Scheduler stopped.")
