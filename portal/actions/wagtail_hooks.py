import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.chooser import ChooserViewSet

from portal.core.dates import london_today
from portal.core.fields import day_month_year_formfield
from portal.core.menu import MEETINGS
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import (
    EDITABLE_FIELDS,
    ActionChooserCreateView,
    ActionChooserForm,
    ActionCreateView,
    ActionEditView,
    ActionProgressView,
)
from .models import Action


class ActionFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Action
        # The due date as a range, so the report's "Actions done on time"
        # links to the actions due in its period.
        fields = {
            "status": ["exact"],
            "source": ["exact"],
            "area": ["exact"],
            "estate": ["exact"],
            "topic": ["exact"],
            "due_on": ["gte", "lt"],
        }

    def filter_overdue(self, queryset, name, value):
        late = queryset.exclude(status__in=Action.CLOSED).filter(
            due_on__lt=london_today()
        )
        if value is None:
            return queryset
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class ActionViewSet(WorkQueueViewSet):
    """The register: every action, filterable, with an overdue list. The title
    opens the progress screen (status changes and updates, all audited)."""

    model = Action
    work_view = ActionProgressView
    work_name = "progress"
    add_view_class = ActionCreateView
    edit_view_class = ActionEditView
    form_fields = EDITABLE_FIELDS
    icon = "tasks"
    menu_label = _("Actions")
    menu_order = 4
    menu_hook = MEETINGS
    filterset_class = ActionFilterSet
    search_fields = ["title", "description", "owner_team"]
    list_export = ["title", "source", "owner_label", "due_on", "status"]
    list_export += ["done_on", "status_reason", "area", "estate", "topic"]
    export_filename = "actions"

    @property
    def list_display(self):
        return [
            self.work_column("title", _("What we will do")),
            Column("due_on", label=_("Due by"), sort_key="due_on"),
            "status",
            Column("owner_label", label=_("Owner")),
            "source",
            "estate",
        ]

    def listing_queryset(self):
        return Action.objects.select_related("owner", "area", "estate", "topic")

    def formfield_for_dbfield(self, db_field, **kwargs):
        return day_month_year_formfield(db_field, **kwargs)


class ActionChooserViewSet(ChooserViewSet):
    """Lets editors choose, or add, actions while writing minutes or an outcome."""

    model = Action
    icon = "tasks"
    choose_one_text = _("Choose an action")
    choose_another_text = _("Choose another action")
    create_action_label = _("Add a new action")
    create_view_class = ActionChooserCreateView
    creation_form_class = ActionChooserForm


@hooks.register("register_admin_viewset")
def register_actions():
    return [ActionViewSet("actions_register"), ActionChooserViewSet("action_chooser")]


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "action.create": _("Action added"),
        "action.edit": _("Action edited"),
        "action.status": _("Action's status changed"),
        "action.update": _("Progress update added"),
    }
