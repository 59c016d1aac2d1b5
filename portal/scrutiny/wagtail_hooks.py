from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.viewsets import WorkQueueViewSet

from .admin_views import RespondView
from .models import Recommendation, ScrutinyReview


class ScrutinyReviewViewSet(ModelViewSet):
    """A panel's review: topic, scope, evidence, meetings and recommendations."""

    model = ScrutinyReview
    icon = "search"
    menu_label = _("Reviews")
    list_display = ["title", "body", "started_on"]
    copy_view_enabled = False


class RecommendationViewSet(WorkQueueViewSet):
    """Recommendations waiting for the landlord's response (oldest first)."""

    model = Recommendation
    work_view = RespondView
    work_name = "respond"
    icon = "tasks"
    menu_label = _("Recommendations")
    list_filter = ["response"]

    @property
    def list_display(self):
        return [
            self.work_column("text", _("Recommendation")),
            "review",
            Column("response_due_on", label=_("Response due")),
            "response",
        ]

    def listing_queryset(self):
        return Recommendation.objects.select_related("review").order_by("made_on")


class ScrutinyGroup(ViewSetGroup):
    menu_label = _("Scrutiny")
    menu_icon = "search"
    menu_order = 277
    items = (
        ScrutinyReviewViewSet("scrutiny_reviews"),
        RecommendationViewSet("scrutiny_recommendations"),
    )


@hooks.register("register_admin_viewset")
def register_scrutiny():
    return ScrutinyGroup()


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "scrutiny.respond": _("Landlord responded to a recommendation"),
        "scrutiny.action": _("Action opened from a recommendation"),
        "scrutiny.reminder": _("Reminder sent about a scrutiny response"),
    }
