"""One scheduler at a time: a PostgreSQL session advisory lock elects the leader.

The lock belongs to the leader's database session, so if its process dies or loses
the connection PostgreSQL releases it and a standby takes over within a minute. On
SQLite (a laptop) there is one process, so it always leads. The unique (job, due at)
row in `services.scheduler_tick` still guarantees once-per-period on its own; the
lock keeps the standbys quiet.
"""

from __future__ import annotations

from django.db import connections

# pg_try_advisory_lock(int4, int4): (an "Involve" namespace, the scheduler).
LOCK_NAMESPACE = 0x1A7E
LOCK_SCHEDULER = 1


class Leadership:
    def __init__(self, alias: str = "default"):
        self.alias = alias

    @property
    def connection(self):
        return connections[self.alias]

    def acquire(self) -> bool:
        """True while this process (database session) holds the scheduler lock."""
        if self.connection.vendor != "postgresql":
            return True
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                "AND classid = %s AND objid = %s AND objsubid = 2 "
                "AND pid = pg_backend_pid() AND granted",
                [LOCK_NAMESPACE, LOCK_SCHEDULER],
            )
            if cursor.fetchone():
                return True
            cursor.execute(
                "SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, LOCK_SCHEDULER]
            )
            return bool(cursor.fetchone()[0])

    def release(self) -> None:
        if self.connection.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, LOCK_SCHEDULER]
            )
