from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.permissions import PermissionMenuItem

from .admin_views import CompetitionListView


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "magazines/competitions/",
            CompetitionListView.as_view(),
            name="magazine_competitions",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        _("Competitions"),
        reverse("magazine_competitions"),
        permission="magazines.view_competitionentry",
        icon_name="pick",
        order=273,
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {"competition.drawn": _("Competition winner drawn")}
