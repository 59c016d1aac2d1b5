"""Dashboard card: the estate a resident lives on, and any estate they follow,
with the way to its inspection results, what is being done there and, for a
resident of a scheduled estate, how to inspect it."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from portal.accounts.selectors import profile_for_request
from portal.actions.models import ActionFollow
from portal.core.dashboard import Card, register_card
from portal.housing.models import Estate

from .models import EstateSchedule, Inspector


def estates_for(user, home_estate_id: int | None):
    """The home estate and followed estates, each with what the card needs to
    know about it (one query)."""
    followed = ActionFollow.objects.filter(person=user, estate=OuterRef("pk"))
    mine = Q(Exists(followed))
    if home_estate_id:
        mine |= Q(pk=home_estate_id)
    return (
        Estate.objects.filter(mine)
        .annotate(
            following=Exists(followed),
            inspected=Exists(EstateSchedule.objects.filter(estate=OuterRef("pk"))),
            inspector=Exists(
                Inspector.objects.filter(person=user, estate=OuterRef("pk"))
            ),
        )
        .order_by("name")
    )


@register_card(order=5)
def estate_card(request) -> Card | None:
    profile = profile_for_request(request)
    home_estate_id = profile.home.estate_id if profile and profile.is_verified else None
    estates = list(estates_for(request.user, home_estate_id))
    if not estates:
        return None
    for estate in estates:
        estate.is_home = estate.pk == home_estate_id
    return Card(
        key="your-estate",
        title=_("Your estate") if len(estates) == 1 else _("Your estates"),
        template="inspections/cards/estate.html",
        context={"estates": estates},
        section="home",
        order=5,
    )
