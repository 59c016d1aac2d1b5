from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import AttendeesView, ComplianceReportView


@hooks.register("register_admin_urls")
def register_participation_admin_urls():
    return [
        path("meetings/report/", ComplianceReportView.as_view(), name="meeting_report"),
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


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "attendance.recorded": _("Attendance recorded"),
        "rsvp.needs_met": _("Access needs marked as met"),
        "rsvp.needs_not_met": _("Access needs marked as not met"),
    }
