"""The order of a staff queue that lists what waits first, then the newest: one
definition for the listing and for the index that serves it.

Sorting on an expression no index matches makes the database sort every row to
show the first page, so the page slows as the table grows; an index on the same
expressions (PostgreSQL and SQLite both index expressions) is read in order
instead, and the first page costs the same at 10,000 rows or 100,000.
"""

from django.db.models import Case, F, Index, Value, When


def waiting_first_order(waiting: str) -> list:
    """What waits (`status` is `waiting`) first, then newest first."""
    return [
        Case(When(status=waiting, then=Value(0)), default=Value(1)),
        F("created_at").desc(),
        F("id").desc(),
    ]


def waiting_first_index(waiting: str, *, name: str) -> Index:
    """The index for `waiting_first_order(waiting)` (list it in the model's
    `Meta.indexes`)."""
    return Index(*waiting_first_order(waiting), name=name)
