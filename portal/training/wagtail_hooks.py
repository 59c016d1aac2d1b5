from django import forms
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import RESIDENTS
from portal.core.permissions import PermissionMenuItem
from portal.core.viewsets import ListingQuerysetViewSet

from .admin_views import (
    REPORT_PERM,
    AttendanceView,
    AttendanceWaitingView,
    SkillsSummaryView,
    StaffCertificateView,
)
from .models import RECORD_PERM, Course, Session, SignUp, Skill


class SkillViewSet(ModelViewSet):
    """Skills courses cover and residents tick on the skills audit."""

    model = Skill
    icon = "list-ul"
    menu_label = _("Training: skills")
    menu_hook = RESIDENTS
    menu_order = 54
    form_fields = ["name", "sort_order", "active"]
    list_display = ["name", "sort_order", "active"]
    copy_view_enabled = False


class CourseViewSet(ModelViewSet):
    """Training courses: what is taught, by whom, and which skills."""

    model = Course
    icon = "doc-full"
    menu_label = _("Training courses")
    menu_hook = RESIDENTS
    menu_order = 50
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("provider"),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldPanel("active"),
    ]
    list_display = ["title", "provider", "active"]
    search_fields = ["title", "provider"]
    copy_view_enabled = False


class SessionViewSet(ListingQuerysetViewSet):
    """When and where each course runs, with its places; attendance per session."""

    model = Session
    icon = "date"
    menu_label = _("Training sessions")
    menu_hook = RESIDENTS
    menu_order = 51
    form_fields = [
        "course",
        "starts_at",
        "ends_at",
        "place",
        "online_link",
        "capacity",
        "meeting",
    ]
    list_filter = ["course", "starts_at"]
    copy_view_enabled = True
    ordering = ["-starts_at"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "course",
                label=_("Course"),
                get_url=lambda session: reverse(
                    self.get_url_name("edit"), args=[session.pk]
                ),
            ),
            "starts_at",
            "place",
            "capacity",
            Column("booked_count", label=_("Booked")),
            Column("waiting_count", label=_("On the waiting list")),
            TitleColumn(
                "attendance",
                label=_("Attendance"),
                accessor=lambda session: _("Record attendance"),
                get_url=lambda session: reverse(
                    "training_attendance", args=[session.pk]
                ),
            ),
        ]

    def listing_queryset(self):
        """Places taken and the waiting list counted in the listing's one query."""
        return Session.objects.select_related("course").annotate(
            booked_count=Count(
                "sign_ups", filter=Q(sign_ups__status=SignUp.Status.BOOKED)
            ),
            waiting_count=Count(
                "sign_ups", filter=Q(sign_ups__status=SignUp.Status.WAITING)
            ),
        )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        CourseViewSet("training_courses"),
        SessionViewSet("training_sessions"),
        SkillViewSet("training_skills"),
    ]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "training/attendance/",
            AttendanceWaitingView.as_view(),
            name="training_attendance_waiting",
        ),
        path(
            "training/attendance/<int:pk>/",
            AttendanceView.as_view(),
            name="training_attendance",
        ),
        path(
            "training/certificates/<int:course_id>/<int:person_id>/",
            StaffCertificateView.as_view(),
            name="training_certificate",
        ),
        path(
            "training/skills-audit/",
            SkillsSummaryView.as_view(),
            name="training_skills_summary",
        ),
    ]


@hooks.register(RESIDENTS)
def attendance_menu_item():
    return PermissionMenuItem(
        _("Training attendance to record"),
        reverse("training_attendance_waiting"),
        icon_name="tick",
        order=52,
        permission=RECORD_PERM,
    )


@hooks.register("register_reports_menu_item")
def skills_summary_menu_item():
    return PermissionMenuItem(
        _("Skills audit"),
        reverse("training_skills_summary"),
        icon_name="list-ul",
        order=830,
        permission=REPORT_PERM,
    )


@register_work_panel
class TrainingAttendancePanel(WorkWaitingPanel):
    """Training sessions that have started with attendance still to record."""

    name = "training_attendance"
    heading = _("Training")
    permission = RECORD_PERM
    order = 75

    def get_lines(self):
        return count_lines(
            SignUp.objects.all(),
            date_field="session__starts_at",
            count_field="session",
            lines=[
                (
                    _("Sessions needing attendance recorded"),
                    Q(
                        status=SignUp.Status.BOOKED,
                        session__starts_at__lte=timezone.now(),
                    ),
                    reverse("training_attendance_waiting"),
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "training.signed_up": _("Training place booked"),
        "training.sign_up_cancelled": _("Training place cancelled"),
        "training.waiting": _("Joined a training waiting list"),
        "training.left_waiting_list": _("Left a training waiting list"),
        "training.place_offered": _("Training place given from the waiting list"),
        "training.attended": _("Training attendance recorded: attended"),
        "training.absent": _("Training attendance recorded: did not attend"),
        "training.skills_audit_saved": _("Skills audit answered"),
    }
