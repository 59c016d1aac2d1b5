from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.home import WorkLine, WorkWaitingPanel, register_work_panel
from portal.core.menu import MEETINGS

from .admin_views import SeriesView, series_index_for
from .models import MeetingPage
from .selectors import minutes_overdue_since


@hooks.register("register_admin_urls")
def register_meeting_admin_urls():
    return [
        path("meetings/series/", SeriesView.as_view(), name="meeting_series"),
    ]


class SeriesMenuItem(MenuItem):
    def is_shown(self, request):
        return series_index_for(request.user) is not None


@hooks.register(MEETINGS)
def register_series_menu_item():
    return SeriesMenuItem(
        _("Meeting series"), reverse("meeting_series"), icon_name="date", order=1
    )


@register_work_panel
class MeetingsPanel(WorkWaitingPanel):
    """Meetings whose minutes are overdue, and meetings coming up with late papers."""

    name = "meetings"
    heading = _("Meetings")
    permission = "participation.view_attendance"
    order = 80

    def get_lines(self):
        overdue = minutes_overdue_since()
        late_papers = (
            MeetingPage.objects.live()
            .filter(start__gte=timezone.now(), paper_publications__late=True)
            .aggregate(count=Count("translation_key", distinct=True))
        )
        report = reverse("meeting_report")
        return [
            WorkLine(
                label=_("Minutes overdue"),
                count=len(overdue),
                oldest=overdue[0] if overdue else None,
                url=report,
            ),
            WorkLine(
                label=_("Coming up with late papers"),
                count=late_papers["count"],
                oldest=None,
                url=report,
            ),
        ]


@hooks.register("register_audit_actions")
def audit_actions():
    return {"meeting.minutes_chased": _("Late minutes: reminder sent")}
