"""Dashboard card: the meetings I replied to, and feedback I owe."""

from django.utils.translation import gettext as _

from portal.core.dashboard import Card, register_card

from .selectors import my_meetings


@register_card(order=10)
def meetings_card(request) -> Card:
    rsvps, feedback_owed = my_meetings(request.user)
    return Card(
        key="my-meetings",
        title=_("My meetings"),
        template="participation/cards/meetings.html",
        context={
            "rsvps": rsvps,
            "feedback_owed": feedback_owed,
        },
        actions=[],
        order=10,
    )
