"""The person's prepared exports (`/admin/exports/`) and their downloads."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from .models import PreparedExport
from .permissions import RequirePermissionMixin, StaffPageMixin
from .prepared_exports import export_download, prepared_exports_for

ADMIN_ACCESS = "wagtailadmin.access_admin"


class PreparedExportsView(StaffPageMixin, TemplateView):
    """Each export the person asked for, with its status: a refresh shows a file
    once the worker has made it (no JavaScript needed)."""

    required_permission = ADMIN_ACCESS
    template_name = "portal_core/prepared_exports.html"
    page_title = gettext_lazy("Your exports")
    header_icon = "download"

    def get_context_data(self, **kwargs):
        exports = list(prepared_exports_for(self.request.user)[:50])
        return super().get_context_data(
            exports=exports,
            keep_hours=settings.INVOLVE_PREPARED_EXPORT_HOURS,
            preparing=any(e.status == PreparedExport.Status.PREPARING for e in exports),
            **kwargs,
        )


class PreparedExportDownloadView(RequirePermissionMixin, View):
    """The file, for the person who asked for it only: anyone else, or a file not
    ready or already purged, is "not found"."""

    required_permission = ADMIN_ACCESS

    def get(self, request, pk):
        export = get_object_or_404(
            prepared_exports_for(request.user),
            pk=pk,
            status=PreparedExport.Status.READY,
        )
        try:
            handle = export_download(export=export, actor=request.user)
        except FileNotFoundError as missing:
            raise Http404 from missing
        return FileResponse(
            handle,
            as_attachment=True,
            filename=export.filename,
            content_type=export.content_type,
        )
