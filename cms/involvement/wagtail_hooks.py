from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import InterestListView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "interested-residents/",
            InterestListView.as_view(),
            name="involvement_interests",
        )
    ]


class _PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("involvement.view_interest")


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return _PermissionMenuItem(
        _("Interested residents"),
        reverse("involvement_interests"),
        icon_name="group",
        order=271,
    )
