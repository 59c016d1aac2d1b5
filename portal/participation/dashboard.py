"""Dashboard card: the meetings I replied to, and feedback I owe."""

from django.utils.translation import gettext as _

from portal.core.dashboard import Card, register_card

from .selectors import feedback_owed, upcoming_rsvps


@register_card(order=10)
def meetings_card(request) -> Card:
    return Card(
        key="my-meetings",
        title=_("My meetings"),
        template="participation/cards/meetings.html",
        context={
            "rsvps": list(upcoming_rsvps(request.user)[:5]),
            "feedback_owed": list(feedback_owed(request.user)[:5]),
        },
        actions=[],
        order=10,
    )
