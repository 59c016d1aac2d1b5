"""Finding 5 and 7: every CSV and Excel export goes through portal.core.exports, so
a cell a spreadsheet would run as a formula is written as text, CSV is streamed,
and the bank file holds ASCII only."""

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSet

from cms.core.models import FormatRequest
from portal.accounts.models import User
from portal.core.exports import (
    FORMULA_STARTS,
    ascii_digits,
    bank_digits,
    bank_text,
    csv_lines,
    safe_cell,
)
from portal.groups.models import Group
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Click")'


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_formula_start_becomes_text(start):
    assert safe_cell(f"{start}1+2") == f"'{start}1+2"
    assert next(csv_lines([[f"{start}cmd"]])).startswith(("'", "\"'"))


@pytest.mark.parametrize("value", ["Kath", "", "1+2", 12, None])
def test_other_cells_are_left_alone(value):
    assert safe_cell(value) == value


def test_digits_in_any_script_become_ascii():
    assert ascii_digits("٣٠-٩٤-٥٧") == "30-94-57"  # Arabic-Indic
    assert ascii_digits("৩০৯৪৫৭") == "309457"  # Bengali
    assert ascii_digits("３０９４５７") == "309457"  # full width
    assert bank_digits("٣٠-٩٤-٥٧", length=6) == "309457"
    with pytest.raises(ValueError):
        bank_digits("3094", length=6)


def test_bank_text_is_ascii_and_never_a_formula():
    assert bank_text("=1+2 Zoë O'Brien") == "12 Zoe OBrien"
    assert bank_text("-@Kath") == "Kath"
    assert bank_text("Anchor House TRA & Friends of the Park")[:18].isascii()


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
