"""Tables a group's officers read: who has replied to their group's meeting."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from portal.core.tables import PortalTable

from .models import Rsvp


class AttendeeTable(PortalTable):
    """Names and replies only: what someone needs to take part stays with the
    staff who arrange it (the admin's attendees screen)."""

    caption = _("Who has replied")
    person = tables.Column(
        _("Name"), order_by=("person__first_name", "person__last_name")
    )
    response = tables.Column(_("Reply"))
    place = tables.Column(_("Place"), empty_values=())
    created_at = tables.DateColumn(verbose_name=_("Replied"), format="j M Y")

    class Meta(PortalTable.Meta):
        model = Rsvp
        fields = ("person", "response", "place", "created_at")
        empty_text = _("Nobody has replied yet.")

    def render_place(self, record):
        if record.response != Rsvp.Response.ATTENDING:
            return "–"
        return record.get_place_display()
