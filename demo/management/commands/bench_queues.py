"""The first page of each staff queue that grows with use, at growing row counts,
as a ratio to `/healthz` in the same run (issue 19: each should stay flat from 10k
to 100k rows, thanks to the index matching its sort order).

Rows are added inside a transaction that is rolled back (as in `bench_exports`),
so the database is left as it was; each table is analysed after each batch so the
planner sees the rows, as it would in production. Expense claims are made as
`bench_exports` makes them; the other queues' rows are copies of the demo's, each
given its own status and date (spread like real ones), within the table's rules.

It lives in `demo` because it knows every feature's queue (the import layers let
no feature app import another's).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.core.benchmarks import healthz, median_time
from portal.expenses.management.commands.bench_exports import add_claims
from portal.expenses.models import ExpenseClaim, PreApproval
from portal.grants.models import GrantApplication
from portal.groups.models import RecognitionApplication
from portal.payments.models import BankDetails
from portal.volunteering.models import LoggedHours

BATCH = 2_000


@dataclass
class Queue:
    """A staff queue: its model, how to add `count` rows after the first `start`,
    and the pages timed (all, and what waits)."""

    name: str
    model: type[models.Model]
    add: Callable[[int, int], None]
    urls: Callable[[], dict[str, str]]


def copies_of(
    model: type[models.Model], vary: Callable[[models.Model, int], None]
) -> Callable[[int, int], None]:
    """Adds rows copied from the demo's own (every concrete field but the key),
    `vary(row, i)` setting what makes row `i` its own."""

    def add(count: int, start: int) -> None:
        samples = list(model.objects.order_by("pk")[:50])
        if not samples:
            raise CommandError(f"No {model._meta.verbose_name} to copy: load the demo.")
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        for first in range(start, start + count, BATCH):
            rows = []
            for i in range(first, min(first + BATCH, start + count)):
                sample = samples[i % len(samples)]
                row = model(**{name: getattr(sample, name) for name in fields})
                vary(row, i)
                rows.append(row)
            model.objects.bulk_create(rows)

    return add


def _ago(i: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=i)


def _cycle(choices, i: int, *, leave_out=()) -> str:
    values = [value for value, _label in choices if value not in leave_out]
    return values[i % len(values)]


def _grant(row, i):
    Status = GrantApplication.Status
    row.status = _cycle(Status.choices, i, leave_out={Status.DRAFT})
    row.submitted_at = _ago(i)


def _pre_approval(row, i):
    row.status = _cycle(PreApproval.Status.choices, i)
    row.created_at = _ago(i)


def _bank_details(row, i):
    # An owner has one current set of details (a unique constraint), so the
    # copies are the replaced sets a long-running register piles up.
    row.status = BankDetails.Status.REPLACED


def _recognition(row, i):
    # A group has one pending application (a unique constraint): the copies are
    # decided ones, the history the queue's "all" view lists.
    Status = RecognitionApplication.Status
    row.status = _cycle(Status.choices, i, leave_out={Status.PENDING})
    row.applied_at = _ago(i)


def _hours(row, i):
    row.status = _cycle(LoggedHours.Status.choices, i)
    row.created_at = _ago(i)


QUEUES = [
    Queue(
        "expense claims",
        ExpenseClaim,
        lambda count, start: add_claims(count, start=start),
        lambda: {
            "all": reverse("expense_claims:index"),
            "waiting": reverse("expense_claims:index")
            + f"?status={ExpenseClaim.Status.SUBMITTED}",
        },
    ),
    Queue(
        "grant applications",
        GrantApplication,
        copies_of(GrantApplication, _grant),
        lambda: {
            "all": reverse("grant_applications:index"),
            "waiting": reverse("grant_applications:index")
            + f"?status={GrantApplication.Status.SUBMITTED}",
        },
    ),
    Queue(
        "pre-approvals",
        PreApproval,
        copies_of(PreApproval, _pre_approval),
        lambda: {
            "all": reverse("expense_pre_approvals:index"),
            "waiting": reverse("expense_pre_approvals:index")
            + f"?status={PreApproval.Status.PENDING}",
        },
    ),
    Queue(
        "bank details",
        BankDetails,
        copies_of(BankDetails, _bank_details),
        lambda: {
            "all": reverse("bank_details:index"),
            "waiting": reverse("bank_details:index")
            + f"?status={BankDetails.Status.PENDING}",
        },
    ),
    Queue(
        "recognition",
        RecognitionApplication,
        copies_of(RecognitionApplication, _recognition),
        lambda: {
            "all": reverse("recognition_applications:index"),
            "waiting": reverse("recognition_applications:index")
            + f"?status={RecognitionApplication.Status.PENDING}",
        },
    ),
    Queue(
        "volunteer hours",
        LoggedHours,
        copies_of(LoggedHours, _hours),
        lambda: {
            "all": reverse("volunteer_hours:index"),
            "waiting": reverse("volunteer_hours:index")
            + f"?status={LoggedHours.Status.WAITING}",
        },
    ),
]


class Command(BaseCommand):
    help = "Median time of the first page of each staff queue, as × /healthz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rows", type=int, nargs="+", default=[10_000, 100_000], metavar="N"
        )
        parser.add_argument("--requests", type=int, default=20)
        parser.add_argument(
            "--queue",
            action="append",
            choices=[queue.name for queue in QUEUES],
            help="only this queue (may be given more than once); all by default",
        )

    def handle(self, *args, rows, requests, queue=None, **options):
        staff = User.objects.filter(is_superuser=True, is_active=True).first()
        if staff is None:
            raise CommandError("No superuser to look as: load the demo data first.")
        queues = [q for q in QUEUES if not queue or q.name in queue]
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(
            f"{'rows':>8} {'queue':<20} {'page':<8} {'first page':>10}  /healthz"
        )
        with transaction.atomic():
            existing = {q.name: q.model.objects.count() for q in queues}
            added = 0
            for target in sorted(rows):
                for q in queues:
                    q.add(target - added, added)
                    if connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute(f"ANALYZE {q.model._meta.db_table}")
                added = target
                # Adding many rows can outlast a staff session's idle limit.
                client.force_login(staff)
                ceiling = healthz(client)
                for q in queues:
                    for page, url in q.urls().items():
                        ratio = median_time(client, url, requests) / ceiling
                        self.stdout.write(
                            f"{existing[q.name] + target:>8,} {q.name:<20} "
                            f"{page:<8} {ratio:8,.1f}×  {ceiling * 1000:.2f} ms"
                        )
            transaction.set_rollback(True)
