"""Peak memory and time of the staff expense-claims export (CSV and Excel) at
growing row counts, to show it stays flat (issue 19).

The claims are added inside a transaction that is rolled back, so the database is
left as it was. For each row count and format it reports:

- peak Python memory while the whole response is produced and read (tracemalloc,
  in a run of its own because tracing slows everything down);
- peak RSS growth: the process's resident memory, sampled every few milliseconds
  during an untraced run, above what it was just before;
- time, as a multiple of `/healthz` in the same run (like `bench_pages`).

Every size is made in the request (the threshold for handing an export to a task
worker is lifted), as that is the work the worker does for large ones.
"""

import datetime
import gc
import threading
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from portal.accounts.models import User
from portal.core.benchmarks import healthz
from portal.expenses.models import ExpenseClaim

EXPORTS = {
    "CSV": "/admin/expense_claims/?export=csv",
    "Excel": "/admin/expense_claims/?export=xlsx",
}
BATCH = 5000
PAGE_SIZE = Path("/proc/self/statm")


def add_claims(count: int, *, start: int = 0) -> None:
    """`count` sent claims, each with a claimant and a group (as in the queue)."""
    claimants = list(User.objects.order_by("pk")[:2])
    group = ExpenseClaim._meta.get_field("group").related_model.objects.first()
    statuses = [status for status, _ in ExpenseClaim.Status.choices]
    now = timezone.now()
    for first in range(start, start + count, BATCH):
        ExpenseClaim.objects.bulk_create(
            ExpenseClaim(
                claimant=claimants[i % len(claimants)],
                group=group,
                activity="meeting",
                description=f"Panel meeting {i}",
                activity_date=datetime.date(2026, 1, 1) + datetime.timedelta(i % 300),
                status=statuses[i % len(statuses)],
                submitted_at=now - datetime.timedelta(minutes=i),
                approved_total="12.50",
            )
            for i in range(first, min(first + BATCH, start + count))
        )


def read_export(client: Client, url: str) -> int:
    """Fetch `url` and read the whole body, as a download would; its size."""
    response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    if not response.streaming:
        return len(response.content)
    # Reading to the end closes the response (the test client's doing), which
    # deletes an Excel export's temporary file.
    return sum(len(chunk) for chunk in response.streaming_content)


def python_peak(client: Client, url: str) -> int:
    """Peak bytes Python allocated while the export was produced and read."""
    gc.collect()
    tracemalloc.start()
    try:
        read_export(client, url)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _rss() -> int:
    return int(PAGE_SIZE.read_text().split()[1]) * 4096


def rss_growth(client: Client, url: str) -> tuple[int, float]:
    """Peak resident memory above the starting point while the export was
    produced and read (sampled by a thread), and the seconds it took."""
    gc.collect()
    before = peak = _rss()
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.005):
            peak = max(peak, _rss())

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    try:
        read_export(client, url)
    finally:
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
    return max(peak, _rss()) - before, elapsed


class Command(BaseCommand):
    help = "Peak memory and time of the expense-claims export at growing row counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rows", type=int, nargs="+", default=[10_000, 100_000], metavar="N"
        )

    def handle(self, *args, rows, **options):
        staff = User.objects.filter(is_superuser=True, is_active=True).first()
        if staff is None:
            raise CommandError("No superuser to export as: load the demo data first.")
        client = Client(HTTP_HOST="localhost")
        client.force_login(staff)
        ceiling = healthz(client)
        self.stdout.write(f"/healthz median {ceiling * 1000:.2f} ms")
        self.stdout.write(
            f"{'claims':>8} {'format':<6} {'size':>9} {'Python peak':>12} "
            f"{'RSS growth':>11} {'time':>16}"
        )
        with (
            transaction.atomic(),
            override_settings(INVOLVE_EXPORT_BACKGROUND_ROWS=10**9),
        ):
            existing = ExpenseClaim.objects.count()
            added = 0
            for target in sorted(rows):
                add_claims(target - added, start=added)
                added = target
                for name, url in EXPORTS.items():
                    size = read_export(client, url)  # also warms up
                    growth, seconds = rss_growth(client, url)
                    peak = python_peak(client, url)
                    self.stdout.write(
                        f"{existing + target:>8,} {name:<6} {size / 2**20:7.1f}MB "
                        f"{peak / 2**20:10.1f}MB {growth / 2**20:9.1f}MB "
                        f"{seconds / ceiling:8,.0f}× /healthz"
                    )
            transaction.set_rollback(True)
