"""Each staff queue's first page is read through an index in the queue's own sort
order, so the database neither scans nor sorts the whole table however many claims,
applications or payments there are (issue 19: 25 ms at the demo's size, 140 ms at
100,000 claims without these indexes)."""

import pytest
from django.db import connection

from portal.expenses.models import ExpenseClaim
from portal.expenses.wagtail_hooks import (
    register_expense_claim_viewset,
)
from portal.grants.models import GrantApplication
from portal.groups.models import RecognitionApplication
from portal.payments.models import BankDetails

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    sql, params = queryset[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(" ".join(map(str, row)) for row in cursor.fetchall())


def _assert_uses(queryset, index_name):
    plan = _plan(queryset)
    assert index_name in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan


def test_expense_claims_queue_reads_its_index():
    queue = register_expense_claim_viewset().listing_queryset()
    _assert_uses(queue, "expenseclaim_queue_idx")
    assert ExpenseClaim.objects.exists()


def test_grant_applications_queue_reads_its_index():
    queue = GrantApplication.objects.exclude(status="draft").order_by(
        "-submitted_at", "-pk"
    )
    _assert_uses(queue, "grantapp_queue_idx")


def test_recognition_and_bank_details_queues_read_their_indexes():
    _assert_uses(
        RecognitionApplication.objects.order_by("status", "applied_at"),
        "recognition_queue_idx",
    )
    _assert_uses(
        BankDetails.objects.order_by("status", "-submitted_at"),
        "bankdetails_queue_idx",
    )
