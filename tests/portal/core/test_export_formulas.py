"""Finding 5 of issue 14 through the exports' own URLs: text people typed that a
spreadsheet would run as a formula (a cell starting with =, +, -, @, a tab or a
carriage return) comes out of every CSV export as text, and what was typed is
kept. Nothing here imports the export helper, so these tests run on any version
of the code (they were run on the code before the fix: see docs/security.md)."""

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet

from cms.core.models import FormatRequest
from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.expenses.models import ExpenseClaim, PreApproval
from portal.groups.models import Group
from tests.cms.core.test_format_requests import _article, _form
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

# What spreadsheet programs treat as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA = '=HYPERLINK("http://evil.example","Click")'


def _csv_cells(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def _plant_formulas():
    """Formula-looking text where people type it: names, requests, groups."""
    User.objects.update(first_name=FORMULA)
    Group.objects.update(name=FORMULA)
    FormatRequest.objects.create(
        page_title=FORMULA,
        format="large_print",
        name=FORMULA,
        delivery="post",
        address="@SUM(1+1)\n1 High Street",
        due_on="2026-12-01",
    )


def _export_urls() -> list[str]:
    """Every registered admin listing that offers a spreadsheet export."""
    urls = []
    for viewset in viewsets.viewsets:
        exported = getattr(viewset, "list_export", None)
        if not exported or exported is ViewSet.UNDEFINED:
            continue
        for name in ("index", "list"):
            try:
                urls.append(reverse(viewset.get_url_name(name)) + "?export=csv")
                break
            except NoReverseMatch:
                continue
        else:
            raise AssertionError(f"no listing found for {viewset}")
    return urls


def test_every_admin_listing_export_writes_formulas_as_text(client):
    _plant_formulas()
    sign_in(client, "admin@example.org")
    urls = _export_urls()
    # The exports the finding named are among them.
    for expected in ["/admin/expense_claims/", "/admin/format_requests/"]:
        assert any(url.startswith(expected) for url in urls), expected
    escaped = 0
    for url in [*urls, "/admin/reports/site-history/?export=csv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.streaming, url  # streamed, not built in memory
        rows = _csv_cells(response)
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (url, cell)
        escaped += sum(cell.startswith("'=") for row in rows for cell in row)
    assert escaped > 0


def test_the_format_request_export_keeps_what_was_typed(client):
    _plant_formulas()
    sign_in(client, "admin@example.org")
    rows = _csv_cells(client.get("/admin/format_requests/?export=csv"))
    assert any(f"'{FORMULA}" in row for row in rows)
    assert any(cell.startswith("'@SUM") for row in rows for cell in row)


def test_the_360giving_file_writes_formulas_as_text(client):
    _plant_formulas()
    response = client.get("/grants/awards.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Identifier"
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


def test_the_interested_residents_export_writes_formulas_as_text(client):
    from cms.involvement.models import Interest, OpportunityPage

    Interest.objects.create(
        opportunity=OpportunityPage.objects.get(title="The Board"),
        user=User.objects.get(email="neighbour@example.org"),
    )
    _plant_formulas()
    sign_in(client, "officer@example.org")
    response = client.get("/admin/interested-residents/?format=csv")
    assert response.status_code == 200
    rows = _csv_cells(response)
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_exports_the_finding_named_write_each_formula_start_as_text(client, start):
    """Claims, pre-approvals, the audit log and format requests (the last typed by
    anyone, signed in or not) each carry a planted formula into their export."""
    planted = f"{start}SUM(1+1)*cmd"
    ExpenseClaim.objects.update(description=planted)
    PreApproval.objects.update(description=planted)
    AuditEntry.objects.update(reason=planted)
    response = client.post(f"/other-formats/?page={_article().pk}", _form(name=planted))
    assert response.status_code == 302
    sign_in(client, "admin@example.org")
    for url in [
        "/admin/expense_claims/?export=csv",
        "/admin/expense_pre_approvals/?export=csv",
        "/admin/audit_log/?export=csv",
        "/admin/format_requests/?export=csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        cells = [cell for row in _csv_cells(response) for cell in row]
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], url
        assert any(planted in cell for cell in cells), url  # kept, as text
