from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import FormatRequestView
from .models import FormatRequest

# Requests change only by being marked sent (audited), never edited by hand.
register_permission_policy(FormatRequest, ReadOnlyPermissionPolicy(FormatRequest))


class FormatRequestViewSet(WorkQueueViewSet):
    """The queue of requests for other formats, oldest due first."""

    model = FormatRequest
    work_view = FormatRequestView
    work_name = "send"
    icon = "doc-full"
    menu_label = _("Other formats")
    menu_order = 272
    add_to_admin_menu = True
    list_filter = ["status", "format", "delivery"]
    list_export = ["page_title", "format", "language", "name", "delivery", "email"]
    list_export += ["address", "phone", "requested_at", "due_on", "status", "sent_at"]

    @property
    def list_display(self):
        return [
            self.work_column("page_title", _("What they asked for")),
            "format",
            "language",
            "delivery",
            "name",
            Column("due_on", label=_("Due by"), sort_key="due_on"),
            "status",
        ]

    def listing_queryset(self):
        return FormatRequest.objects.all()


@hooks.register("register_admin_viewset")
def register_format_requests():
    return FormatRequestViewSet("format_requests")
