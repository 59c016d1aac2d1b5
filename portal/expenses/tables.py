"""Tables residents read: my expense claims."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from portal.core.tables import PortalTable

from .models import ExpenseClaim


class ClaimTable(PortalTable):
    caption = _("Your claims")
    reference = tables.Column(
        _("Claim"), linkify=("expenses:detail", [tables.A("pk")]), order_by=("pk",)
    )
    description = tables.Column(_("Activity"))
    activity_date = tables.DateColumn(verbose_name=_("Date"), format="j F Y")
    status = tables.Column(_("Status"))

    class Meta(PortalTable.Meta):
        model = ExpenseClaim
        fields = ("reference", "description", "activity_date", "status")
        order_by = ("-activity_date",)
        empty_text = _("You have no expenses claims yet.")

    def render_description(self, value, record):
        if record.group_id:
            return f"{value} ({record.group.name})"
        return value
