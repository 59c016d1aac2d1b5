"""Issue 19: a staff export uses as much memory for 10,000 rows as for 1,000
(rows read in chunks, CSV streamed, Excel written to a temporary file), and as
many queries: no related row is fetched one at a time. `manage.py bench_exports`
measures the same at 10k and 100k."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from portal.core import exports
from portal.expenses.management.commands.bench_exports import (
    EXPORTS,
    add_claims,
    python_peak,
)
from portal.expenses.models import ExpenseClaim
from tests.conftest import sign_in
from tests.portal.core.test_export_formulas import _export_urls

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _made_in_the_request(settings):
    """These measure the export itself (which a worker runs for large ones, see
    test_prepared_exports.py), so every size here is made in the request."""
    settings.INVOLVE_EXPORT_BACKGROUND_ROWS = 10**9


@pytest.mark.parametrize("name", EXPORTS)
def test_export_memory_does_not_grow_with_rows(client, monkeypatch, name):
    # Smaller chunks, so 1,000 rows already span several (production reads 2,000).
    monkeypatch.setattr(exports, "CHUNK_SIZE", 250)
    sign_in(client, "officer@example.org")
    url = EXPORTS[name]
    add_claims(1_000)
    python_peak(client, url)  # warm up: imports, translations, caches
    with CaptureQueriesContext(connection) as small_queries:
        small = python_peak(client, url)
    add_claims(9_000, start=1_000)
    with CaptureQueriesContext(connection) as large_queries:
        large = python_peak(client, url)
    assert large < 2 * small, f"{name}: {small:,} bytes at 1,000, {large:,} at 10,000"
    assert len(large_queries) == len(small_queries)


@pytest.mark.parametrize("name", EXPORTS)
def test_the_export_holds_every_claim(client, name):
    add_claims(3_000)
    sign_in(client, "officer@example.org")
    response = client.get(EXPORTS[name])
    body = b"".join(response.streaming_content)
    if name == "CSV":
        rows = list(csv.reader(io.StringIO(body.decode())))
    else:
        rows = list(load_workbook(io.BytesIO(body), read_only=True).active.values)
    assert rows[0][0] == "Reference"
    assert len(rows) == ExpenseClaim.objects.count() + 1


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_every_listing_export_reads_its_rows_in_one_query(
    client, export, django_assert_max_num_queries
):
    """Sign-in (session, user), permissions, one COUNT (is it large enough for a
    worker?), then the rows with what they show joined in: a `list_export` field
    missing from `select_related` fails here."""
    sign_in(client, "admin@example.org")
    for url in _export_urls():
        with django_assert_max_num_queries(5):
            response = client.get(url.replace("export=csv", f"export={export}"))
            b"".join(response.streaming_content)
