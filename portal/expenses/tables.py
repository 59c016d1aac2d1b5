"""Tables residents read: my expense claims, and a claim's costs."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from portal.core.tables import PortalTable

from .models import ExpenseClaim, ExpenseLine


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


class LineTable(PortalTable):
    """A claim's costs, each with how it was worked out and its decision; a
    Remove button per line while the claimant may still change the claim."""

    caption = _("What you are claiming")
    category = tables.Column(_("Cost"), accessor="category__name")
    explanation = tables.Column(_("How it was worked out"))
    amount = tables.TemplateColumn(
        verbose_name=_("Amount"), template_name="expenses/cells/line_amount.html"
    )
    decision = tables.Column(_("Decision"))
    remove = tables.TemplateColumn(
        verbose_name=_("Remove a cost"),
        template_name="expenses/cells/line_remove.html",
        empty_values=(),
    )

    class Meta(PortalTable.Meta):
        model = ExpenseLine
        fields = ("category", "explanation", "amount", "decision")
        orderable = False  # a handful of lines, in the order they were added
        empty_text = _("No costs yet: add the first one below.")

    def __init__(self, *args, can_remove: bool, **kwargs):
        if not can_remove:
            kwargs["exclude"] = ("remove",)
        super().__init__(*args, **kwargs)

    def render_decision(self, value, record):
        if record.decision_reason:
            return f"{value}: {record.decision_reason}"
        return value
