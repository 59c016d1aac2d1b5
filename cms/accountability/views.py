"""Refreshing a never-published report's figures from the records (admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.permissions import StaffPageMixin
from portal.reports.snapshot import ReportRefused, snapshot_made_at
from portal.reports.views import PERMISSION

from .models import PerformanceReportPage
from .services import refresh_refusal, report_refresh


class RefreshView(StaffPageMixin, TemplateView):
    """GET asks to confirm; POST takes the figures again. Only for someone who may
    see the figures and edit the page, and only for a never-published draft."""

    required_permission = PERMISSION
    template_name = "accountability/admin/refresh.html"
    page_title = gettext_lazy("Refresh the figures")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(PerformanceReportPage, pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if not self.page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        draft = self.page.get_latest_revision_as_object()
        kwargs.setdefault("refusal", refresh_refusal(self.page))
        return super().get_context_data(
            page=self.page,
            draft=draft,
            made_at=snapshot_made_at(draft.snapshot),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        try:
            report_refresh(page=self.page, user=request.user)
        except ReportRefused as refused:
            context = self.get_context_data(refusal=str(refused))
            return self.render_to_response(context, status=409)
        messages.success(
            request, gettext_lazy("The figures have been taken again from the records.")
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)
