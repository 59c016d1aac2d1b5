from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.viewsets import WorkQueueViewSet

from .admin_views import SignatureCheckView
from .models import Signature


class PaperSignatureViewSet(WorkQueueViewSet):
    """Paper sign-up rows typed in by officers, for staff to check against the scan."""

    model = Signature
    work_view = SignatureCheckView
    work_name = "check"
    icon = "doc-full"
    menu_label = _("Sign-up rows to check")
    menu_order = 262
    add_to_admin_menu = True
    list_filter = ["status", "group"]
    search_fields = ["name"]
    list_export = ["group", "name", "home", "signed_on", "status", "rejection_reason"]
    export_filename = "paper-signatures"

    @property
    def list_display(self):
        return [
            self.work_column("name", _("Name")),
            "group",
            "home",
            "signed_on",
            "status",
        ]

    def listing_queryset(self):
        return (
            Signature.objects.filter(source=Signature.Source.PAPER)
            .select_related("group", "home")
            .order_by("status", "pk")
        )


@hooks.register("register_admin_viewset")
def register_paper_signatures():
    return PaperSignatureViewSet("signatures")
