from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import AccessibilityItem
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.permissions import PermissionMenuItem

from .forms import EvidenceClauseForm
from .models import EvidenceClause, MeasureTarget
from .views import PERMISSION, EvidencePackView, MeasureRecordsView, PerformanceView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "reports/involvement-performance/",
            PerformanceView.as_view(),
            name="involvement_performance",
        ),
        path(
            "reports/regulator-evidence-pack/",
            EvidencePackView.as_view(),
            name="regulator_evidence_pack",
        ),
        path(
            "reports/records/<slug:key>/",
            MeasureRecordsView.as_view(),
            name="measure_records",
        ),
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


@hooks.register("register_reports_menu_item")
def register_evidence_pack_menu_item():
    return PermissionMenuItem(
        _("Regulator evidence pack"),
        reverse("regulator_evidence_pack"),
        icon_name="doc-full",
        order=102,
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


class EvidenceClauseViewSet(ModelViewSet):
    """Which measures evidence each clause of the regulator's standard (the
    evidence pack's mapping)."""

    model = EvidenceClause
    icon = "list-ul"
    menu_label = _("Regulator evidence mapping")
    add_to_reports_menu = False
    add_to_admin_menu = False
    list_display = ["code", "title", "order"]
    search_fields = ["code", "title"]

    def get_form_class(self, for_update=False):
        return EvidenceClauseForm


evidence_viewset = EvidenceClauseViewSet("evidence_mapping")


@hooks.register("register_admin_viewset")
def register_evidence_viewset():
    return evidence_viewset


@hooks.register("register_reports_menu_item")
def register_evidence_mapping_menu_item():
    return PermissionMenuItem(
        _("Regulator evidence mapping"),
        reverse("evidence_mapping:index"),
        icon_name="list-ul",
        order=103,
        permission="reports.view_evidenceclause",
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "reports.evidence_pack_downloaded": _("Regulator evidence pack downloaded"),
    }


@hooks.register("construct_wagtail_userbar")
def measure_figures_are_not_headings(request, items, page):
    """The large figure under each measure's heading (`reports/_measure.html`) is
    a number, not a heading: Wagtail's content checker would mark every one as a
    paragraph styled as a heading, burying real hints for editors."""
    for item in items:
        if isinstance(item, AccessibilityItem):
            item.axe_exclude = [*item.axe_exclude, ".measure__figure"]
