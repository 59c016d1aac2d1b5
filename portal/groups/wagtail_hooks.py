from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import GROUPS
from portal.core.viewsets import ListingQuerysetViewSet, WorkQueueViewSet

from .admin_views import FirstOfficerView, RecognitionDecisionView
from .forms import GroupAdminForm
from .models import Group, RecognitionApplication
from .selectors import Status, group_status, groups_with_status_fields


class StatusColumn(Column):
    """Recognition status, derived from the annotated dates (no extra query)."""

    def get_value(self, instance):
        return Status.LABELS[group_status(instance, rules=self.rules)]

    def get_cell_context_data(self, instance, parent_context):
        from .models import RecognitionRules

        if not hasattr(self, "rules"):
            self.rules = RecognitionRules.load()
        return super().get_cell_context_data(instance, parent_context)


class GroupViewSet(ListingQuerysetViewSet):
    """Resident groups and representatives: set them up, see their status."""

    model = Group
    icon = "group"
    menu_label = _("Resident groups")
    menu_order = 1
    menu_hook = GROUPS
    list_filter = ["kind"]
    search_fields = ["name"]
    list_export = ["name", "kind", "contact_email", "derecognised_on"]
    export_filename = "resident-groups"
    edit_handler = ObjectList(
        [
            FieldPanel(name)
            for name in [
                "name",
                "kind",
                "description",
                "contact_email",
                "contact_phone",
                "estates",
                "streets",
                "home_uprns",
            ]
        ],
        base_form_class=GroupAdminForm,
    )
    copy_view_enabled = False

    @property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda group: reverse(
                    self.get_url_name("edit"), args=[group.pk]
                ),
            ),
            "kind",
            StatusColumn("status", label=_("Status")),
            TitleColumn(
                "officers",
                label=_("Officers"),
                accessor=lambda group: _("Add an officer"),
                get_url=lambda group: reverse(
                    self.get_url_name("add_officer"), args=[group.pk]
                ),
            ),
        ]

    def listing_queryset(self):
        return groups_with_status_fields()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/officers/add/", FirstOfficerView.as_view(), name="add_officer"
            ),
        ]


class RecognitionApplicationViewSet(WorkQueueViewSet):
    """The recognition queue: applications waiting for a decision, and past ones."""

    model = RecognitionApplication
    work_view = RecognitionDecisionView
    icon = "tick-inverse"
    menu_label = _("Group recognition")
    menu_order = 2
    menu_hook = GROUPS
    # The dates as ranges, so a report's figure links to its period's records.
    list_filter = {
        "status": ["exact"],
        "decided_at": ["gte", "lt"],
        "recognised_until": ["gte", "lt"],
    }
    list_export = ["group", "applied_at", "status", "decided_by", "recognised_until"]
    export_filename = "recognition-applications"

    @property
    def list_display(self):
        return [
            self.work_column("group", _("Group")),
            "applied_at",
            "status",
            "recognised_until",
        ]

    def listing_queryset(self):
        return RecognitionApplication.objects.select_related(
            "group", "decided_by"
        ).order_by("status", "applied_at")


@hooks.register("register_admin_viewset")
def register_groups():
    return GroupViewSet("resident_groups")


@hooks.register("register_admin_viewset")
def register_recognition_queue():
    return RecognitionApplicationViewSet("recognition_applications")


@register_work_panel
class RecognitionPanel(WorkWaitingPanel):
    """Groups' applications for recognition, waiting for a decision."""

    name = "recognition"
    heading = _("Group recognition")
    permission = "groups.decide_recognition"
    order = 20

    def get_lines(self):
        pending = RecognitionApplication.Status.PENDING
        return count_lines(
            RecognitionApplication.objects.all(),
            date_field="applied_at",
            lines=[
                (
                    _("Applications to decide"),
                    Q(status=pending),
                    reverse("recognition_applications:index") + f"?status={pending}",
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "group.recognition_applied": _("Applied for recognition"),
        "group.recognised": _("Group recognised"),
        "group.recognition_refused": _("Recognition refused"),
        "group.derecognised": _("Recognition withdrawn"),
        "group.officer_added": _("Officer added"),
        "group.officer_invited": _("Officer invited"),
        "group.officer_joined": _("Officer joined"),
        "group.officer_changed": _("Officer's role changed"),
        "group.officer_removed": _("Officer removed"),
        "group.document_added": _("Document added"),
        "group.activity_recorded": _("Meeting or newsletter recorded"),
        "group.contact_sent": _("Message from the public page sent to the officers"),
    }
