"""The pre-approvals and volunteer-hours queues list what waits first, then the
newest: an index in exactly that order serves their first page, so the database
reads it in order instead of sorting every row (issue 19: without it the first
page took 70–200 ms of sorting at 10,000–100,000 rows, with it 0.1 ms)."""

import pytest
from django.db import connection

from portal.expenses.wagtail_hooks import PreApprovalViewSet
from portal.volunteering.wagtail_hooks import LoggedHoursViewSet

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The demo's tables are small enough to sort in memory; forbid that
            # so the plan shows whether an index can give the order at all.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.mark.parametrize(
    "viewset, index",
    [
        (PreApprovalViewSet("expense_pre_approvals"), "preapproval_queue_order"),
        (LoggedHoursViewSet("volunteer_hours"), "loggedhours_queue_order"),
    ],
)
def test_an_index_gives_the_queue_its_order(viewset, index):
    first_page = viewset.listing_queryset()[:20]
    plan = _plan(first_page)
    if connection.vendor == "postgresql":
        assert index in plan, plan
        assert "Sort" not in plan, plan
    else:  # SQLite says when it must sort the rows itself
        assert index in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
