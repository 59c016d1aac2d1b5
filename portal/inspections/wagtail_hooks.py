from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from cms.core.cdn import register_tag_paths
from cms.core.pagecache import tag_request
from cms.involvement.models import SECTIONS_HOOK

from .models import SCHEDULES_TAG, ChecklistArea, EstateSchedule, Inspector
from .services import lives_on


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


@hooks.register(SECTIONS_HOOK)
def inspection_schedule_section(request, page):
    """On the menu of involvement's "Estate inspections" opportunity (in any of
    its translations): the estates inspected, how often, and a sign-up button
    for a resident whose home on the estate we have checked."""
    tag_request(request, SCHEDULES_TAG)
    schedules = list(
        EstateSchedule.objects.filter(opportunity__translation_key=page.translation_key)
        .select_related("estate")
        .order_by("estate__name")
    )
    if not schedules:
        return ""
    user = request.user
    inspecting = set()
    if user.is_authenticated:
        inspecting = set(
            Inspector.objects.filter(person=user).values_list("estate_id", flat=True)
        )
    rows = [
        {
            "schedule": schedule,
            "inspector": schedule.estate_id in inspecting,
            "can_join": user.is_authenticated
            and schedule.estate_id not in inspecting
            and lives_on(user, schedule.estate),
        }
        for schedule in schedules
    ]
    return render_to_string(
        "inspections/opportunity_section.html", {"rows": rows}, request=request
    )


@register_tag_paths(SCHEDULES_TAG)
def schedule_addresses():
    """For the CDN: the opportunity pages that show a schedule, in each language."""
    keys = EstateSchedule.objects.filter(opportunity__isnull=False).values(
        "opportunity__translation_key"
    )
    pages = Page.objects.live().filter(translation_key__in=keys)
    return [parts[2] for page in pages if (parts := page.get_url_parts())]
