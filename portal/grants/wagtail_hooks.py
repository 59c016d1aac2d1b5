from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.core.cdn import in_every_language, register_tag_paths
from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import MONEY
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import GrantDecisionView, GrantPanelView
from .models import GrantApplication, GrantScheme


class GrantSchemeViewSet(ModelViewSet):
    model = GrantScheme
    icon = "doc-full"
    menu_label = _("Grant schemes")
    menu_order = 2
    menu_hook = MONEY
    list_display = [
        "name",
        "applicant",
        "amount",
        "annual_budget",
        "is_active",
        "panel_scoring",
    ]
    exclude_form_fields = []

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/panel/", GrantPanelView.as_view(), name="panel"),
        ]


class GrantApplicationViewSet(WorkQueueViewSet):
    """The grants queue: filters, export, and the decision screen."""

    model = GrantApplication
    work_view = GrantDecisionView
    icon = "tick-inverse"
    menu_label = _("Grant applications")
    menu_order = 1
    menu_hook = MONEY
    # The decision date as a range and the status as a list, so the report's
    # "Grant money awarded" links to the grants approved in its period.
    list_filter = {
        "status": ["exact", "in"],
        "scheme": ["exact"],
        "year": ["exact"],
        "decided_at": ["gte", "lt"],
    }
    # The field was `state` until 2026: links made then still filter.
    renamed_filters = {"state": "status", "state__in": "status__in"}
    list_export = [
        "scheme",
        "group",
        "applicant",
        "amount_requested",
        "status",
        "amount_approved",
        "submitted_at",
    ]
    export_filename = "grant-applications"

    @property
    def list_display(self):
        return [
            self.work_column("scheme", _("Scheme")),
            "group",
            "amount_requested",
            "status",
            "submitted_at",
        ]

    def listing_queryset(self):
        return (
            GrantApplication.objects.exclude(status="draft")
            .select_related("scheme", "group", "applicant")
            .order_by("-submitted_at", "-pk")
        )


@hooks.register("register_admin_viewset")
def register_grant_schemes():
    return GrantSchemeViewSet("grant_schemes")


@hooks.register("register_admin_viewset")
def register_grant_applications():
    return GrantApplicationViewSet("grant_applications")


@register_work_panel
class GrantDecisionsPanel(WorkWaitingPanel):
    """Grant applications waiting for a decision or a second approval."""

    name = "grant_decisions"
    heading = _("Grant applications")
    permission = "grants.decide_grant"
    order = 40

    def get_lines(self):
        Status = GrantApplication.Status
        queue = reverse("grant_applications:index")
        return count_lines(
            GrantApplication.objects.all(),
            date_field="submitted_at",
            lines=[
                (
                    _("Decisions"),
                    Q(status=Status.SUBMITTED),
                    f"{queue}?status={Status.SUBMITTED}",
                ),
                (
                    _("Second approvals"),
                    Q(status=Status.AWAITING_SECOND),
                    f"{queue}?status={Status.AWAITING_SECOND}",
                ),
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "grant.started": _("Application started"),
        "grant.submitted": _("Application submitted"),
        "grant.more_info": _("More information asked for"),
        "grant.first_approval": _("First approval given; a second is needed"),
        "grant.second_approval": _("Second approval given"),
        "grant.approved": _("Application approved"),
        "grant.rejected": _("Application not approved"),
        "grant.withdrawn": _("Application withdrawn"),
        "grant.paid": _("Grant paid"),
        "grant.report_received": _("End-of-grant report received"),
        "grant.file_added": _("File added"),
        "grant.panel_declared": _("Panel member declared any conflict of interest"),
        "grant.panel_scored": _("Panel member scored the application"),
    }


@register_tag_paths("grant-awards")
def award_addresses():
    """For the CDN: the awards page and its CSV and JSON files."""
    return [
        path
        for name in ("grant_awards", "grant_awards_csv", "grant_awards_json")
        for path in in_every_language(name)
    ]
