"""`manage.py bench_queues` times every staff queue that grows, in one loop, and
leaves the database as it found it."""

import io

import pytest
from django.core.management import call_command

from demo.management.commands.bench_queues import QUEUES

pytestmark = pytest.mark.django_db


def test_every_queue_is_timed_and_the_rows_are_rolled_back():
    counts = {queue.name: queue.model.objects.count() for queue in QUEUES}
    out = io.StringIO()
    call_command("bench_queues", rows=[30], requests=1, stdout=out)
    lines = out.getvalue().splitlines()[1:]
    assert len(lines) == 2 * len(QUEUES)
    for queue in QUEUES:
        # 30 rows were there while it was timed, then rolled back.
        assert f"{counts[queue.name] + 30:>8,} {queue.name}" in out.getvalue()
        assert queue.model.objects.count() == counts[queue.name]
    assert {
        "expense claims",
        "grant applications",
        "pre-approvals",
        "bank details",
        "recognition",
        "volunteer hours",
    } == set(counts)
