"""The order of a staff queue that lists what waits first, then the newest: one
definition for the listing and for the index that serves it.

Sorting on an expression no index matches makes the database sort every row to
show the first page, so the page slows as the table grows. The "waits first" part
is therefore a column the database keeps itself (a stored generated column, 0 for
what waits and 1 for the rest), and an ordinary index on that column, the date and
the id is read in order instead: the first page costs the same at 10,000 rows or
100,000, on PostgreSQL and SQLite alike (an index on the expression itself served
PostgreSQL only, as SQLite sends the expression's values as parameters).
"""

from django.db import models
from django.db.models import Case, Value, When

QUEUE_ORDER = ["waiting_first", "-created_at", "-id"]


def waiting_first_field(waiting: str) -> models.GeneratedField:
    """0 while `status` is `waiting`, 1 after: add it to the model as
    `waiting_first`, and `queue_index()` to its `Meta.indexes`."""
    return models.GeneratedField(
        expression=Case(When(status=waiting, then=Value(0)), default=Value(1)),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )


def queue_index(*, name: str) -> models.Index:
    """The index in `QUEUE_ORDER`, which the queue's listing sorts by."""
    return models.Index(fields=QUEUE_ORDER, name=name)
