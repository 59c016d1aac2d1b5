"""The demo database, copied once per test process and put back after a test that
empties it (a browser or two-at-once test), instead of building it again.

`load_demo_data` takes seconds; copying every table back with PostgreSQL's COPY
takes a fraction of one. The copy is the state right after the first build, so
each test starts from exactly the same rows and ids. On SQLite (no COPY) the demo
is built again.
"""

import io

from django.core.management import call_command
from django.db import connection

from portal.core.dates import london_today


class DemoSnapshot:
    def __init__(self, tables: dict[str, bytes], sequences: list[tuple[str, int]]):
        self.tables = tables
        self.sequences = sequences

    @classmethod
    def take(cls) -> "DemoSnapshot | None":
        if connection.vendor != "postgresql":
            return None
        tables = {}
        with connection.cursor() as cursor:
            for table in _tables():
                data = io.BytesIO()
                cursor.cursor.copy_expert(f'COPY "{table}" TO STDOUT', data)
                tables[table] = data.getvalue()
            # last_value is null for a sequence never used.
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences"
                " WHERE schemaname = current_schema()"
            )
            sequences = cursor.fetchall()
        return cls(tables, sequences)

    def restore(self) -> None:
        """Every table as it was; foreign keys are not checked while the rows go
        back in (session_replication_role), as each table is copied whole."""
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            try:
                names = ", ".join(f'"{table}"' for table in self.tables)
                cursor.execute(f"TRUNCATE {names}")
                for table, data in self.tables.items():
                    if data:
                        cursor.cursor.copy_expert(
                            f'COPY "{table}" FROM STDIN', io.BytesIO(data)
                        )
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")
            for sequence, last_value in self.sequences:
                cursor.execute(
                    "SELECT setval(%s, %s, %s)",
                    [sequence, last_value or 1, last_value is not None],
                )
        # What this process remembers of the emptied database's ids, then the
        # content types again (as building the demo leaves them remembered), so
        # a test counting queries sees the same number whatever ran before it.
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.core.cache import cache

        from cms.core.sitewide import forget as sitewide_forget

        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())
        sitewide_forget()
        cache.clear()


def _tables() -> list[str]:
    return sorted(
        connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
    )


_snapshot: DemoSnapshot | None = None
_built_on = None


def build_demo() -> None:
    """Build the demo for this test process and keep a copy of it."""
    global _snapshot, _built_on
    _built_on = london_today()
    call_command("load_demo_data", stdout=io.StringIO())
    _snapshot = DemoSnapshot.take()


def demo_built_on():
    """The London day this process built its demo: the demo is laid out around
    that day, so a build on another day is a different (equally right) demo."""
    return _built_on


def restore_demo() -> None:
    """Put the demo back after a test emptied the database."""
    if _snapshot is None:
        call_command("load_demo_data", stdout=io.StringIO())
    else:
        _snapshot.restore()
