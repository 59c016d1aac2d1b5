"""Back office: a request for another format, and marking it sent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.dates import london_today
from portal.core.decisions import QueueScreenMixin
from portal.core.selectors import audit_trail_for

from .models import FormatRequest
from .services import format_request_mark_sent


class FormatRequestView(QueueScreenMixin, TemplateView):
    required_permission = "cms_core.change_formatrequest"
    template_name = "cms_core/admin/format_request.html"
    page_title = gettext_lazy("Request for another format")
    header_icon = "doc-full"

    @cached_property
    def format_request(self):
        return get_object_or_404(
            FormatRequest.objects.select_related("page", "requested_by", "sent_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        made = self.format_request
        overdue = (
            made.status == FormatRequest.Status.OPEN and made.due_on < london_today()
        )
        return super().get_context_data(
            made=made, overdue=overdue, history=audit_trail_for(made), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            format_request_mark_sent(request=self.format_request, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Marked as sent."))
        return redirect("format_requests:index")
