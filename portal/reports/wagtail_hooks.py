from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.permissions import PermissionMenuItem

from .models import MeasureTarget
from .views import PERMISSION, PerformanceView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/involvement-performance/",
            PerformanceView.as_view(),
            name="involvement_performance",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_performance_menu_item():
    return PermissionMenuItem(
        _("Involvement performance"),
        reverse("involvement_performance"),
        icon_name="doc-full",
        order=100,
        permission=PERMISSION,
    )


class MeasureTargetViewSet(ModelViewSet):
    """Targets per measure and financial year, shown red/amber/green in the
    report."""

    model = MeasureTarget
    icon = "tasks"
    menu_label = _("Involvement targets")
    add_to_reports_menu = False
    add_to_admin_menu = False
    list_display = ["measure_label", "year", "target", "amber_within"]
    list_filter = ["year"]
    form_fields = ["measure", "year", "target", "amber_within"]


targets_viewset = MeasureTargetViewSet("involvement_targets")


@hooks.register("register_admin_viewset")
def register_targets_viewset():
    return targets_viewset


@hooks.register("register_reports_menu_item")
def register_targets_menu_item():
    return PermissionMenuItem(
        _("Involvement targets"),
        reverse("involvement_targets:index"),
        icon_name="tasks",
        order=101,
        permission="reports.view_measuretarget",
    )
