from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.menu import RESIDENTS
from portal.core.permissions import PermissionMenuItem

from .services import SEND
from .views import ComposeView


@hooks.register("register_admin_urls")
def register_broadcast_urls():
    urls = [path("", ComposeView.as_view(), name="compose")]
    return [path("messages/", include((urls, "broadcasts"), namespace="broadcasts"))]


@hooks.register(RESIDENTS)
def register_broadcast_menu_item():
    return PermissionMenuItem(
        _("Send a message to many people"),
        reverse("broadcasts:compose"),
        icon_name="mail",
        order=999,
        permission=SEND,
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {"broadcast.sent": _("Message sent to many people")}
