from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import GROUPS
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
    menu_order = 3
    menu_hook = GROUPS
    list_filter = ["status", "group"]
    search_fields = ["name"]
    list_export = ["group", "name", "home", "signed_on", "status", "decision_reason"]
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


@register_work_panel
class SignUpRowsPanel(WorkWaitingPanel):
    """Rows typed in from paper sign-up sheets, waiting to be checked."""

    name = "sign_up_rows"
    heading = _("Paper sign-up rows")
    permission = "evidence.check_signature"
    order = 30

    def get_lines(self):
        pending = Signature.Status.PENDING
        return count_lines(
            Signature.objects.filter(source=Signature.Source.PAPER),
            date_field="sheet__uploaded_at",
            lines=[
                (
                    _("Rows to check"),
                    Q(status=pending),
                    reverse("signatures:index") + f"?status={pending}",
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "evidence.signed": _("Signed up online"),
        "evidence.withdrawn": _("Sign-up withdrawn"),
        "evidence.sheet_uploaded": _("Paper sign-up sheet uploaded"),
        "evidence.row_entered": _("Paper sign-up row typed in"),
        "evidence.row_accepted": _("Paper sign-up row accepted"),
        "evidence.row_rejected": _("Paper sign-up row rejected"),
        "evidence.purged": _("Signer's details deleted after the retention period"),
    }
