from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn

from portal.core.viewsets import ListingQuerysetViewSet

from .admin_views import SignatureCheckView
from .models import Signature


class PaperSignatureViewSet(ListingQuerysetViewSet):
    """Paper sign-up rows typed in by officers, for staff to check against the scan."""

    model = Signature
    icon = "doc-full"
    menu_label = _("Sign-up rows to check")
    menu_order = 262
    add_to_admin_menu = True
    list_filter = ["status", "group"]
    search_fields = ["name"]
    list_export = ["group", "name", "home", "signed_on", "status", "rejection_reason"]
    export_filename = "paper-signatures"
    form_fields = []
    copy_view_enabled = False

    @property
    def list_display(self):
        return [
            TitleColumn(
                "name",
                label=_("Name"),
                get_url=lambda row: reverse(self.get_url_name("check"), args=[row.pk]),
            ),
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

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/check/", SignatureCheckView.as_view(), name="check"),
        ]


@hooks.register("register_admin_viewset")
def register_paper_signatures():
    return PaperSignatureViewSet("signatures")
