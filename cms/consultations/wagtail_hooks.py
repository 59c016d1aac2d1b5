from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.permissions import PermissionMenuItem

from .admin_views import (
    ConsultationExportView,
    ConsultationListView,
    ConsultationManageView,
)

urlpatterns = [
    path("", ConsultationListView.as_view(), name="list"),
    path("<int:pk>/", ConsultationManageView.as_view(), name="manage"),
    path("<int:pk>/export/", ConsultationExportView.as_view(), name="export"),
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


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        _("Consultation responses"),
        reverse("consultations_admin:list"),
        icon_name="list-ul",
        order=270,
        permission="consultations.view_response",
    )
