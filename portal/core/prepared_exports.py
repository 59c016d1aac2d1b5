"""Large listing exports, made by a task worker and offered when ready.

A Wagtail listing or report export with more than `INVOLVE_EXPORT_BACKGROUND_ROWS`
rows is not made in the request (100,000 claims as Excel take longer than the
gunicorn timeout). `export_prepare_request` records a `PreparedExport` and
enqueues `prepare_export`; the worker replays the export's own address as the
person who asked (the same view, filters and permission checks, with the threshold
switched off) and writes the file to private storage. `/admin/exports/` lists the
person's files; only they may download one (audited), and the hourly
`purge_prepared_exports` job deletes files older than
`INVOLVE_PREPARED_EXPORT_HOURS`.
"""

import datetime
import logging
import re
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.http.response import HttpResponseBase
from django.urls import resolve
from django.utils import timezone
from django_tasks import task

from .models import PreparedExport
from .services import audit_record

logger = logging.getLogger(__name__)

# Set on the worker's replayed request: make the file now, whatever its size.
PREPARING = "involve_preparing_export"
_FILENAME = re.compile(r'filename="?([^";]+)"?')


def rows_to_prepare(request, queryset) -> int:
    """How many rows the export has when a worker should prepare it, else 0 (one
    COUNT query; none on the worker's own replay)."""
    if getattr(request, PREPARING, False) or not isinstance(queryset, QuerySet):
        return 0
    rows = queryset.count()
    return rows if rows > settings.INVOLVE_EXPORT_BACKGROUND_ROWS else 0


def export_prepare_request(
    *, request, rows: int, export_format: str, listing: str
) -> PreparedExport:
    """Record the export asked for and queue it for a worker (once committed)."""
    export = PreparedExport.objects.create(
        requested_by=request.user,
        listing=str(listing)[:200],
        path=request.path,
        query=request.GET.urlencode(),
        host=request.get_host(),
        export_format=export_format,
        rows=rows,
    )
    audit_record(
        actor=request.user,
        action="export.requested",
        target=export,
        details={"listing": export.listing, "rows": export.rows},
    )
    transaction.on_commit(lambda: prepare_export.enqueue(export_id=str(export.pk)))
    return export


def _replay(export: PreparedExport) -> HttpResponseBase:
    """The export's response, from its own view, as the person who asked."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = export.path
    request.GET = QueryDict(export.query)
    request.META = {"HTTP_HOST": export.host, "SERVER_NAME": export.host}
    request.user = export.requested_by
    setattr(request, PREPARING, True)
    match = resolve(export.path)
    return match.func(request, *match.args, **match.kwargs)


@task()
def prepare_export(*, export_id: str) -> str:
    """Make one prepared export's file (on a worker). Safe to run twice: a file
    already made or given up on is left alone."""
    export = PreparedExport.objects.select_related("requested_by").get(pk=export_id)
    if export.status != PreparedExport.Status.PREPARING:
        return export.status
    try:
        response = _replay(export)
        if response.status_code != 200:
            raise RuntimeError(f"the export answered {response.status_code}")
        with tempfile.TemporaryFile() as output:
            # Not `response.close()`: that signals the end of a request, which
            # closes the worker's database connection. An Excel export's
            # temporary file is the only thing to close.
            for chunk in response:
                output.write(chunk)
            if streamed_file := getattr(response, "file_to_stream", None):
                streamed_file.close()
            match = _FILENAME.search(response.get("Content-Disposition", ""))
            export.filename = (
                match.group(1) if match else f"export.{export.export_format}"
            )
            export.content_type = response["Content-Type"]
            export.file.save(export.pk.hex, File(output), save=False)
    except Exception:
        logger.exception("Prepared export %s failed", export.pk)
        export.status = PreparedExport.Status.FAILED
        export.save(update_fields=["status"])
        return export.status
    export.status = PreparedExport.Status.READY
    export.ready_at = timezone.now()
    export.save()
    return export.status


def prepared_exports_for(user) -> QuerySet:
    """The person's own prepared exports still kept, newest first."""
    return PreparedExport.objects.filter(
        requested_by=user, requested_at__gte=_oldest_kept()
    ).order_by("-requested_at")


def export_download(*, export: PreparedExport, actor) -> File:
    """Open a ready export's file for the person who asked (the view has checked
    that), recording the download like every other export."""
    audit_record(
        actor=actor,
        action="export.downloaded",
        target=export,
        details={"listing": export.listing, "rows": export.rows},
    )
    return export.file.open("rb")


def _oldest_kept() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(
        hours=settings.INVOLVE_PREPARED_EXPORT_HOURS
    )


def prepared_exports_purge() -> int:
    """Delete prepared exports (and their files) older than the keeping period."""
    return _delete(PreparedExport.objects.filter(requested_at__lt=_oldest_kept()))


def release_prepared_exports(*, user, holding=None, rows=None) -> None:
    """The personal-data register's closing action: the person's files go too."""
    _delete(PreparedExport.objects.filter(requested_by=user))


def _delete(exports: QuerySet) -> int:
    count = 0
    for export in exports.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
