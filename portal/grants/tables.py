"""Tables residents and visitors read: my applications, grants awarded."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from portal.core.money import format_money
from portal.core.tables import PortalTable

from .models import GrantApplication


class ApplicationTable(PortalTable):
    caption = _("Your applications")
    scheme = tables.Column(
        _("Grant"),
        accessor="scheme__name",
        linkify=("grants:application", [tables.A("pk")]),
    )
    group = tables.Column(_("Group"), accessor="group__name", default="–")
    status = tables.Column(_("Status"))
    created_at = tables.DateColumn(verbose_name=_("Started"), format="j F Y")

    class Meta(PortalTable.Meta):
        model = GrantApplication
        fields = ("scheme", "group", "status", "created_at")
        order_by = ("-created_at",)
        empty_text = _("You have not applied for a grant yet.")


class AwardTable(PortalTable):
    caption = _("Awards, newest first")
    group = tables.Column(_("Group"), accessor="group__name")
    scheme = tables.Column(_("Grant"), accessor="scheme__name")
    amount_approved = tables.Column(_("Amount"))
    decided_at = tables.DateColumn(verbose_name=_("Date"), format="j F Y")

    class Meta(PortalTable.Meta):
        model = GrantApplication
        fields = ("group", "scheme", "amount_approved", "decided_at")
        order_by = ("-decided_at",)
        empty_text = _("No grants have been awarded yet.")

    def render_amount_approved(self, value):
        return format_money(value)

    def value_amount_approved(self, value):
        return value
