"""The first page of the staff expense-claims queue at growing row counts, as a
ratio to `/healthz` in the same run (issue 19: it should stay flat from 10k to
100k claims, thanks to the index matching its sort order).

Claims are added inside a transaction that is rolled back (as in `bench_exports`),
so the database is left as it was; the table is analysed after each batch so the
planner sees the rows, as it would in production.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

from portal.accounts.models import User
from portal.expenses.models import ExpenseClaim

from .bench_exports import add_claims, healthz

QUEUES = {
    "claims queue": "/admin/expense_claims/",
    "claims waiting": "/admin/expense_claims/?status=submitted",
}


def median_time(client: Client, url: str, requests: int) -> float:
    client.get(url)  # warm up
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
    return statistics.median(times)


class Command(BaseCommand):
    help = "Median time of the first page of each staff queue, as × /healthz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rows", type=int, nargs="+", default=[10_000, 100_000], metavar="N"
        )
        parser.add_argument("--requests", type=int, default=20)

    def handle(self, *args, rows, requests, **options):
        staff = User.objects.filter(is_superuser=True, is_active=True).first()
        if staff is None:
            raise CommandError("No superuser to look as: load the demo data first.")
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{'claims':>8} {'queue':<15} {'first page':>16}")
        with transaction.atomic():
            existing = ExpenseClaim.objects.count()
            added = 0
            for target in sorted(rows):
                add_claims(target - added, start=added)
                added = target
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute(f"ANALYZE {ExpenseClaim._meta.db_table}")
                # Adding 90,000 claims can outlast a staff session's idle limit.
                client.force_login(staff)
                ceiling = healthz(client)
                for name, url in QUEUES.items():
                    ratio = median_time(client, url, requests) / ceiling
                    self.stdout.write(
                        f"{existing + target:>8,} {name:<15} {ratio:8,.1f}× /healthz"
                        f"  (/healthz {ceiling * 1000:.2f} ms)"
                    )
            transaction.set_rollback(True)
