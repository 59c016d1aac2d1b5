from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_views import AttendeesView, ComplianceReportView, SeriesView


@hooks.register("register_admin_urls")
def register_meeting_admin_urls():
    return [
        path("meetings/report/", ComplianceReportView.as_view(), name="meeting_report"),
        path("meetings/series/", SeriesView.as_view(), name="meeting_series"),
        path(
            "meetings/<int:pk>/attendees/",
            AttendeesView.as_view(),
            name="meeting_attendees",
        ),
    ]


class MeetingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("participation.view_attendance")


@hooks.register("register_reports_menu_item")
def register_meeting_report_menu_item():
    return MeetingReportMenuItem(
        _("Meetings: notice, minutes, feedback"),
        reverse("meeting_report"),
        icon_name="date",
        order=800,
    )


class SeriesMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_series_menu_item():
    return SeriesMenuItem(
        _("Meeting series"), reverse("meeting_series"), icon_name="date", order=210
    )
