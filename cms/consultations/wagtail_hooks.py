from django.db.models import Q
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import MEETINGS
from portal.core.permissions import PermissionMenuItem

from .admin_views import (
    ConsultationExportView,
    ConsultationListView,
    ConsultationManageView,
    ResponseEnterView,
)
from .models import ConsultationPage
from .tsm_views import TsmExportView, TsmListView, TsmReportView

urlpatterns = [
    path("", ConsultationListView.as_view(), name="list"),
    path("<int:pk>/", ConsultationManageView.as_view(), name="manage"),
    path("<int:pk>/export/", ConsultationExportView.as_view(), name="export"),
    path("<int:pk>/enter/", ResponseEnterView.as_view(), name="enter"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "consultation-responses/",
            include(
                (urlpatterns, "consultations_admin"), namespace="consultations_admin"
            ),
        )
    ]


@hooks.register("register_admin_urls")
def register_tsm_urls():
    return [
        path("tsm/", TsmListView.as_view(), name="tsm_list"),
        path("tsm/<int:pk>/", TsmReportView.as_view(), name="tsm_report"),
        path("tsm/<int:pk>/export/", TsmExportView.as_view(), name="tsm_export"),
    ]


@hooks.register("register_reports_menu_item")
def register_tsm_menu_item():
    return PermissionMenuItem(
        _("Tenant satisfaction measures"),
        reverse("tsm_list"),
        icon_name="list-ul",
        order=820,
        permission="consultations.view_response",
    )


@hooks.register(MEETINGS)
def register_menu_item():
    return PermissionMenuItem(
        _("Consultation responses"),
        reverse("consultations_admin:list"),
        icon_name="list-ul",
        order=3,
        permission="consultations.view_response",
    )


@register_work_panel
class ConsultationOutcomesPanel(WorkWaitingPanel):
    """Consultations that have closed and wait for "You said, we did"."""

    name = "consultation_outcomes"
    heading = _("Consultations")
    permission = "consultations.conclude_consultationpage"
    order = 90

    def get_lines(self):
        return count_lines(
            ConsultationPage.objects.live(),
            date_field="closes_at",
            count_field="translation_key",
            lines=[
                (
                    _("Waiting for an outcome"),
                    Q(closes_at__lte=timezone.now(), outcome_published_at__isnull=True),
                    reverse("consultations_admin:list"),
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "consultation.response_entered": _("Paper or phone response entered"),
        "consultation.answer_moderated": _("Answer moderated"),
        "consultation.results_published": _("Results published"),
        "consultation.outcome_published": _("Outcome published"),
        "consultation.prize_drawn": _("Prize draw winner drawn"),
    }
