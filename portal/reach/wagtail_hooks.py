from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.menu import RESIDENTS
from portal.core.permissions import PermissionMenuItem
from portal.core.viewsets import ListingQuerysetViewSet

from .models import ProfileImport
from .views import (
    ActionPlanView,
    InviteView,
    ProfileImportView,
    RepresentationReportView,
)


class ProfileImportHistoryViewSet(ListingQuerysetViewSet):
    """Each resident profile upload: who loaded which file, and when."""

    model = ProfileImport
    icon = "history"
    menu_label = _("Resident profile imports")
    menu_hook = RESIDENTS
    menu_order = 40
    list_display = ["created_at", "filename", "rows", "estates", "imported_by"]
    form_fields = []
    add_view_enabled = False
    copy_view_enabled = False

    def listing_queryset(self):
        return ProfileImport.objects.select_related("imported_by")


@hooks.register("register_admin_viewset")
def register_profile_imports():
    return ProfileImportHistoryViewSet("resident_profile_imports")


@hooks.register("register_admin_urls")
def register_reach_urls():
    return [
        path(
            "who-takes-part/",
            RepresentationReportView.as_view(),
            name="representation_report",
        ),
        path(
            "who-takes-part/plan/",
            ActionPlanView.as_view(),
            name="representation_plan",
        ),
        path(
            "who-takes-part/invite/",
            InviteView.as_view(),
            name="representation_invite",
        ),
        path(
            "resident-profile/import/",
            ProfileImportView.as_view(),
            name="resident_profile_import",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("Who takes part"),
        reverse("representation_report"),
        icon_name="group",
        order=820,
        permission="reach.report_representation",
    )


@hooks.register(RESIDENTS)
def register_profile_import_menu_item():
    return PermissionMenuItem(
        _("Import the resident profile"),
        reverse("resident_profile_import"),
        icon_name="upload",
        order=39,
        permission="reach.import_profile",
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "resident_profile.imported": _("Resident profile imported"),
        "representation.action_planned": _(
            "Action plan recorded for a group missing from who takes part"
        ),
        "representation.invited": _(
            "Residents of a group missing from who takes part invited"
        ),
    }
