"""The back office menu's groups.

Core names the groups; each feature app puts its own items in them, so core
knows no feature. A `ViewSet` joins a group with `menu_hook = MONEY` (for
example); a plain `MenuItem` with `@hooks.register(MONEY)`. Each item keeps its
own permission check, and a group shows only when one of its items does.
Reports and Settings are Wagtail's own menus (`register_reports_menu_item`,
`add_to_settings_menu`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

RESIDENTS = "register_residents_menu_item"
GROUPS = "register_groups_menu_item"
MONEY = "register_money_menu_item"
MEETINGS = "register_meetings_menu_item"
REPORTS = "register_reports_menu_item"


class MenuGroup(ViewSetGroup):
    """A top-level menu entry whose items the feature apps register."""

    items = ()


class ResidentsMenu(MenuGroup):
    menu_label = _("Residents")
    menu_icon = "user"
    menu_order = 250
    submenu_hook = RESIDENTS


class GroupsMenu(MenuGroup):
    menu_label = _("Groups")
    menu_icon = "group"
    menu_order = 260
    submenu_hook = GROUPS


class MoneyMenu(MenuGroup):
    menu_label = _("Money")
    menu_icon = "tasks"
    menu_order = 270
    submenu_hook = MONEY


class MeetingsMenu(MenuGroup):
    menu_label = _("Meetings and consultations")
    menu_icon = "date"
    menu_order = 280
    submenu_hook = MEETINGS


MENU_GROUPS = [ResidentsMenu, GroupsMenu, MoneyMenu, MeetingsMenu]
