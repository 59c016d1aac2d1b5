from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.viewsets import WorkQueueViewSet

from .admin_views import GrantDecisionView, GrantPanelView
from .models import GrantApplication, GrantScheme


class GrantSchemeViewSet(ModelViewSet):
    model = GrantScheme
    icon = "doc-full"
    menu_label = _("Grant schemes")
    menu_order = 262
    add_to_admin_menu = True
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
    menu_order = 263
    add_to_admin_menu = True
    list_filter = ["state", "scheme", "year"]
    list_export = [
        "scheme",
        "group",
        "applicant",
        "amount_requested",
        "state",
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
            "state",
            "submitted_at",
        ]

    def listing_queryset(self):
        return (
            GrantApplication.objects.exclude(state="draft")
            .select_related("scheme", "group", "applicant")
            .order_by("-submitted_at", "-pk")
        )


@hooks.register("register_admin_viewset")
def register_grant_schemes():
    return GrantSchemeViewSet("grant_schemes")


@hooks.register("register_admin_viewset")
def register_grant_applications():
    return GrantApplicationViewSet("grant_applications")
