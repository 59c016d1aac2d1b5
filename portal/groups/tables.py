"""Tables a group's officers read: who runs the group."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.tables import PortalTable

from .models import Officer


class OfficerTable(PortalTable):
    caption = gettext_lazy("Who runs the group")
    user = tables.Column(
        gettext_lazy("Name"), order_by=("user__first_name", "user__last_name")
    )
    role = tables.Column(gettext_lazy("Role"))
    elected_on = tables.DateColumn(verbose_name=gettext_lazy("Elected"), format="j M Y")
    term_ends = tables.DateColumn(
        verbose_name=gettext_lazy("Term ends"), format="j M Y"
    )
    may_be_named = tables.Column(
        gettext_lazy("Named in public?"), orderable=False, empty_values=()
    )
    change = tables.Column(gettext_lazy("Change"), orderable=False, empty_values=())

    class Meta(PortalTable.Meta):
        model = Officer
        fields = ("user", "role", "elected_on", "term_ends", "may_be_named")
        order_by = ("role",)
        empty_text = gettext_lazy("The group has no officers yet.")

    def render_may_be_named(self, value):
        return _("Yes") if value else _("No, role only")

    def render_change(self, record):
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>',
            reverse("groups:officer_edit", args=[record.group_id, record.pk]),
            _("Change"),
            record.user,
        )
