from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.permissions import PermissionMenuItem

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


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        _("Interested residents"),
        reverse("involvement_interests"),
        permission="involvement.view_interest",
        icon_name="group",
        order=271,
    )
