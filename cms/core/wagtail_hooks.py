from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from portal.core.dates import london_today
from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import RESIDENTS
from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import FormatRequestView
from .models import FormatRequest
from .pagecache import page_tags, tag_request

# Requests change only by being marked sent (audited), never edited by hand.
register_permission_policy(FormatRequest, ReadOnlyPermissionPolicy(FormatRequest))


class FormatRequestViewSet(WorkQueueViewSet):
    """The queue of requests for other formats, oldest due first."""

    model = FormatRequest
    work_view = FormatRequestView
    work_name = "send"
    icon = "doc-full"
    menu_label = _("Other formats")
    menu_order = 5
    menu_hook = RESIDENTS
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


@register_work_panel
class FormatRequestsPanel(WorkWaitingPanel):
    """Pages people asked for in another format: overdue ones first."""

    name = "format_requests"
    heading = _("Other formats")
    permission = "cms_core.change_formatrequest"
    order = 70

    def get_lines(self):
        open_ = FormatRequest.Status.OPEN
        queue = reverse("format_requests:index") + f"?status={open_}"
        return count_lines(
            FormatRequest.objects.all(),
            date_field="requested_at",
            lines=[
                (
                    _("Overdue"),
                    Q(status=open_, due_on__lt=london_today()),
                    queue,
                ),
                (_("To send"), Q(status=open_), queue),
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "format_request.made": _("Asked for another format"),
        "format_request.sent": _("Other format sent"),
    }


@hooks.register("before_serve_page")
def tag_page_for_cache(page, request, serve_args, serve_kwargs):
    """Public pages go in the page cache for anonymous visitors (see pagecache)."""
    if not getattr(request, "_page_cache_candidate", False):
        return None
    expires = getattr(page, "cache_expires_at", None)
    tag_request(request, *page_tags(page), expires=expires() if expires else None)
    return None
