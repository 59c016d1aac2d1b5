from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import RESIDENTS
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
    menu_order = 1
    menu_hook = RESIDENTS
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
        return ResidentProfile.objects.select_related("user", "home", "decided_by")

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


@hooks.register(RESIDENTS)
def register_assisted_registration_menu_item():
    return VerifierMenuItem(
        _("Set up a resident"),
        reverse("resident_profiles:assisted"),
        icon_name="user",
        order=2,
    )


@register_work_panel
class ResidentChecksPanel(WorkWaitingPanel):
    """Homes residents claimed, waiting to be checked against the register."""

    name = "resident_checks"
    heading = _("Resident checks")
    permission = "accounts.verify_residentprofile"
    order = 10

    def get_lines(self):
        pending = ResidentProfile.Status.PENDING
        return count_lines(
            ResidentProfile.objects.all(),
            date_field="submitted_at",
            lines=[
                (
                    _("Homes to check"),
                    Q(status=pending),
                    reverse("resident_profiles:index") + f"?status={pending}",
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "resident.home_claimed": _("Claimed a home"),
        "resident.verified": _("Home verified"),
        "resident.rejected": _("Home not verified"),
        "resident.assisted_registration": _("Resident set up by staff"),
        "advocate.asked": _("Asked someone to be their advocate"),
        "advocate.added": _("Advocate added"),
        "advocate.declined": _("Advocate declined or stepped down"),
        "advocate.removed": _("Advocate removed"),
        "account.closed": _("Account closed"),
        "notification.preferences_changed": _("Message choices changed"),
        "access_needs.consent_given": _("Agreed to keep access needs"),
        "access_needs.consent_withdrawn": _("Withdrew consent to keep access needs"),
        "contactpreferences.updated_by_advocate": _(
            "Contact preferences changed by an advocate"
        ),
        "accessneeds.updated_by_advocate": _("Access needs changed by an advocate"),
        "equality.representation_consent_given": _(
            "Agreed to equality answers being used to check who takes part"
        ),
        "equality.representation_consent_withdrawn": _(
            "Withdrew agreement to equality answers being used to check who takes part"
        ),
        "equality.answers_deleted": _("Equality answers deleted"),
        "equalitymonitoring.updated_by_advocate": _(
            "Equality answers changed by an advocate"
        ),
    }
