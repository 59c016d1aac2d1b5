from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ChecklistArea, EstateSchedule


class ChecklistAreaViewSet(ModelViewSet):
    """The inspection checklist, kept as data: add, rename or retire areas."""

    model = ChecklistArea
    icon = "list-ul"
    menu_label = _("Inspection checklist")
    form_fields = ["name", "guidance", "team", "sort_order", "active"]
    list_display = ["name", "team", "sort_order", "active"]
    copy_view_enabled = False


class EstateScheduleViewSet(ModelViewSet):
    """Which estates are inspected, how often, and where inspectors sign up."""

    model = EstateSchedule
    icon = "date"
    menu_label = _("Inspection schedules")
    form_fields = ["estate", "every_months", "inspection_hours", "opportunity"]
    list_display = ["estate", "every_months", "inspection_hours"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return EstateSchedule.objects.select_related("estate")


class InspectionsGroup(ViewSetGroup):
    menu_label = _("Estate inspections")
    menu_icon = "site"
    menu_order = 276
    items = (ChecklistAreaViewSet("inspection_checklist"),)
    items += (EstateScheduleViewSet("inspection_schedules"),)


@hooks.register("register_admin_viewset")
def register_inspections():
    return InspectionsGroup()


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "inspection.start": _("Inspection started"),
        "inspection.inspector_join": _("Inspector joined"),
        "inspection.submit": _("Inspection report sent"),
    }
