"""Every CSV and Excel file the project writes goes through here.

- A cell a spreadsheet would run as a formula (CSV injection: text starting with
  = + - @, a tab or a carriage return) is written as text, with a leading quote.
- CSV is streamed a row at a time (`StreamingHttpResponse` over an iterator), so a
  long export uses the same memory as a short one.
- The bank file is plain ASCII: sort codes and account numbers in ASCII digits, names
  in the characters banks accept.

Wagtail's own spreadsheet exports (every admin listing with `list_export`, its
reports, and the consultation export) use `SpreadsheetExportMixin`, which turns
formulas into text in Excel files but writes CSV cells as they are; `protect_wagtail_
exports()` (called once from `PortalCoreConfig.ready`) routes its CSV cells through
`safe_cell` and streams querysets with `.iterator()`, so every one, including
Wagtail's built-in reports, is covered without a copy of each view. It also keeps
their memory flat as rows grow: the listing no longer counts an export's queryset
with `len()` (which loads every row), and Excel reads the queryset in chunks into
a temporary file that is streamed back (tests/portal/core/test_export_memory.py).
Exports over `INVOLVE_EXPORT_BACKGROUND_ROWS` rows are made by a task worker
instead (`prepared_exports.py`).
"""

import csv
import io
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def safe_cell(value):
    """`value`, with text a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object that hands back what is written (for streaming)."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """Each row as one CSV line, every cell made safe."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(
    rows: Iterable[Sequence], *, filename: str, stream: bool = True
) -> HttpResponseBase:
    """A CSV download, the heading row first. Streamed (`rows` a generator over
    `.iterator()` querysets) unless `stream=False`, for a small public file the
    page cache should keep (it never stores a streamed response)."""
    if stream:
        response = StreamingHttpResponse(
            csv_lines(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            "".join(csv_lines(rows)), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_workbook(sheets: Iterable[tuple[str, Iterable[Sequence]]]) -> bytes:
    """An Excel workbook with one sheet per `(title, rows)`, every cell made
    safe. Written row by row (openpyxl's write-only mode), so the workbook never
    holds more than one row as objects. Titles are cut to Excel's 31 characters;
    they must not hold any of ``[]:*?/\\``."""
    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    rows: Iterable[Sequence], *, filename: str, title: str
) -> HttpResponse:
    """An Excel download of the same rows a CSV would hold, the heading row first,
    on one sheet (`xlsx_workbook`)."""
    response = HttpResponse(xlsx_workbook([(title, rows)]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def ascii_digits(value: str) -> str:
    """Digits from any script (Arabic-Indic ٣, Bengali ৩, full-width ３…) as ASCII."""
    return "".join(
        str(unicodedata.decimal(char))
        if char.isdecimal() and not char.isascii()
        else char
        for char in value
    )


_BANK_TEXT = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ./-")


def bank_text(value: str, *, max_length: int = 18) -> str:
    """A name or reference as banks accept it: ASCII letters, digits, space, full
    stop, slash and hyphen (accents dropped, anything else removed), starting with
    a letter or digit so no cell can be read as a formula."""
    plain = unicodedata.normalize("NFKD", value)
    kept = "".join(char for char in plain if char in _BANK_TEXT)
    return kept.lstrip(" ./-")[:max_length].rstrip()


def bank_digits(value: str, *, length: int) -> str:
    """Exactly `length` ASCII digits, or ValueError (never a non-ASCII digit)."""
    digits = ascii_digits(value).replace("-", "").replace(" ", "")
    if len(digits) != length or not (digits.isascii() and digits.isdecimal()):
        raise ValueError(_("Bank details must be ASCII digits."))
    return digits


def bank_file(rows: Iterable[Sequence]) -> str:
    """The bank's bulk-payment file: CSV, CRLF, ASCII only (checked)."""
    text = "".join(csv_lines(rows))
    text.encode("ascii")  # raises UnicodeEncodeError if anything slipped through
    return text


def _safe_preprocess(original):
    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return safe_cell(value)
        return value  # Excel: Wagtail already stores formula-looking cells as text

    preprocess_field_value.involve_safe = True
    return preprocess_field_value


def _streaming_csv(self, queryset):
    """Wagtail's `stream_csv`, with safe headings and `.iterator()` over querysets
    (Wagtail's own loops over the whole queryset, caching every row)."""
    writer = csv.DictWriter(_Echo(), fieldnames=self.list_export)
    yield writer.writerow(
        {
            field: safe_cell(self.get_heading(queryset, field))
            for field in self.list_export
        }
    )
    items = _Chunked(queryset) if isinstance(queryset, QuerySet) else queryset
    for item in items:
        yield self.write_csv_row(writer, self.to_row_dict(item))


class _Chunked:
    """A queryset read `CHUNK_SIZE` rows at a time, never cached, keeping `.model`
    for the headings Wagtail takes from field labels."""

    def __init__(self, queryset: QuerySet):
        self.queryset = queryset
        self.model = queryset.model

    def __iter__(self):
        return self.queryset.iterator(chunk_size=CHUNK_SIZE)


def _xlsx_from_disk(self, queryset):
    """Wagtail's Excel export, reading the queryset in chunks and writing the
    workbook to a temporary file streamed back (deleted once sent), rather than
    every row and the whole file in memory."""
    if isinstance(queryset, QuerySet):
        queryset = _Chunked(queryset)
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    self.write_xlsx(queryset, output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        content_type=XLSX_TYPE,
        filename=f"{self.get_filename()}.xlsx",
    )


def _export_context(original):
    def get_context_data(self, *args, **kwargs):
        """An export needs only the filtered, ordered queryset: the listing's own
        context counts it with `len()`, loading every row before the first is
        written."""
        if getattr(self, "is_export", False):
            return {"object_list": self.object_list}
        return original(self, *args, **kwargs)

    return get_context_data


def _prepared_when_large(original):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        """Over `INVOLVE_EXPORT_BACKGROUND_ROWS` rows, queue the export for a task
        worker and show the person their prepared exports instead."""
        from django.contrib import messages
        from django.shortcuts import redirect

        from .prepared_exports import export_prepare_request, rows_to_prepare

        rows = rows_to_prepare(self.request, queryset)
        if not rows:
            return original(self, queryset, spreadsheet_format)
        get_title = getattr(self, "get_page_title", None)
        export_prepare_request(
            request=self.request,
            rows=rows,
            export_format=spreadsheet_format,
            listing=(get_title() if get_title else "") or self.get_filename(),
        )
        messages.info(
            self.request,
            _("We are preparing your file; we will show it here when it is ready."),
        )
        return redirect("prepared_exports")

    return as_spreadsheet


def protect_wagtail_exports() -> None:
    """Route every Wagtail spreadsheet export's CSV cells through `safe_cell`,
    stream its rows (CSV and Excel) in constant memory, and hand large ones to a
    task worker."""
    from wagtail.admin.views.generic.base import BaseListingView
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "involve_safe", False):
        return
    SpreadsheetExportMixin.preprocess_field_value = _safe_preprocess(original)
    SpreadsheetExportMixin.stream_csv = _streaming_csv
    SpreadsheetExportMixin.write_xlsx_response = _xlsx_from_disk
    SpreadsheetExportMixin.as_spreadsheet = _prepared_when_large(
        SpreadsheetExportMixin.as_spreadsheet
    )
    BaseListingView.get_context_data = _export_context(BaseListingView.get_context_data)
