from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.viewsets import WorkQueueViewSet

from .admin_views import (
    AssistedRegistrationView,
    EqualityReportView,
    ResidentDecisionView,
)
from .models import ResidentProfile


class ResidentProfileViewSet(WorkQueueViewSet):
    """The verification queue: residents' claimed homes, oldest first."""

    model = ResidentProfile
    work_view = ResidentDecisionView
    icon = "user"
    menu_label = _("Resident checks")
    menu_order = 250
    add_to_admin_menu = True
    list_filter = ["status", "home__estate"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "tenancy_reference",
    ]
    list_export = [
        "user",
        "home",
        "tenancy_reference",
        "status",
        "submitted_at",
        "decided_by",
    ]
    export_filename = "resident-checks"

    @property
    def list_display(self):
        return [
            self.work_column("user", _("Resident")),
            "home",
            "tenancy_reference",
            "status",
            "submitted_at",
        ]

    def listing_queryset(self):
        return ResidentProfile.objects.select_related("user", "home")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("assisted/", AssistedRegistrationView.as_view(), name="assisted"),
        ]


@hooks.register("register_admin_viewset")
def register_resident_checks():
    return ResidentProfileViewSet("resident_profiles")


@hooks.register("register_admin_urls")
def register_equality_report_url():
    return [path("equality/", EqualityReportView.as_view(), name="equality_report")]


class EqualityReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.report_equalitymonitoring")


@hooks.register("register_reports_menu_item")
def register_equality_report_menu_item():
    return EqualityReportMenuItem(
        _("Equality monitoring"),
        reverse("equality_report"),
        icon_name="group",
        order=900,
    )


class VerifierMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.verify_residentprofile")


@hooks.register("register_admin_menu_item")
def register_assisted_registration_menu_item():
    return VerifierMenuItem(
        _("Set up a resident"),
        reverse("resident_profiles:assisted"),
        icon_name="user",
        order=251,
    )
