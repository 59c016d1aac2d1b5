from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.menu import RESIDENTS
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


@hooks.register(RESIDENTS)
def register_menu_item():
    return PermissionMenuItem(
        _("Interested residents"),
        reverse("involvement_interests"),
        permission="involvement.view_interest",
        icon_name="group",
        order=4,
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {"involvement.invited": _("Interested residents invited")}
