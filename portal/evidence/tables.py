"""Tables a group's officers read: signatures, and a paper sheet's rows."""

import django_tables2 as tables
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.tables import PortalTable

from .models import Signature
from .selectors import why_not_counted


class SignatureTable(PortalTable):
    """Every signature, with whether it counts and why not (judged on `today`
    under `rules`, only for the rows on the page shown)."""

    display_name = tables.Column(gettext_lazy("Name"), order_by=("name",))
    home = tables.Column(gettext_lazy("Address"), orderable=False)
    signed_on = tables.DateColumn(verbose_name=gettext_lazy("Signed"), format="j M Y")
    source = tables.Column(gettext_lazy("How"))
    counts = tables.Column(
        gettext_lazy("Counts?"), accessor="pk", orderable=False, empty_values=()
    )

    class Meta(PortalTable.Meta):
        model = Signature
        fields = ("display_name", "home", "signed_on", "source")
        order_by = ("-signed_on",)
        per_page = 50
        empty_text = gettext_lazy(
            "No signatures yet. Residents can support the group online from their "
            "account, or sign a paper sheet."
        )

    def __init__(self, *args, today, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.rules = today, rules

    @property
    def caption(self):
        """Says "newest first" only while the rows are in that order: a column
        heading the officer chose says its own order (`aria-sort`)."""
        if [str(key) for key in self.order_by or ()] in ([], ["-signed_on"]):
            return _(
                "Everyone who has signed, newest first. This is personal "
                "information: keep it private."
            )
        return _(
            "Everyone who has signed, sorted by the column you chose. "
            "This is personal information: keep it private."
        )

    def render_counts(self, record):
        flag = why_not_counted(record, on=self.today, rules=self.rules)
        return _("No: %(why)s") % {"why": flag} if flag else _("Yes")


class PaperRowTable(PortalTable):
    caption = gettext_lazy("Rows typed in so far")
    name = tables.Column(gettext_lazy("Name"))
    home = tables.Column(gettext_lazy("Address"), orderable=False)
    signed_on = tables.DateColumn(verbose_name=gettext_lazy("Signed"), format="j M Y")
    status = tables.Column(gettext_lazy("Status"))

    class Meta(PortalTable.Meta):
        model = Signature
        fields = ("name", "home", "signed_on", "status")
        order_by = ("pk",)
        per_page = 50
        empty_text = gettext_lazy("No rows yet: add the first one below.")

    def render_status(self, record):
        if record.decision_reason:
            return f"{record.get_status_display()}: {record.decision_reason}"
        return record.get_status_display()
