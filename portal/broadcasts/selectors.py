"""Who a message to many people reaches, as one queryset of accounts."""

from django.db.models import Q, QuerySet

from portal.accounts.models import ResidentProfile, User
from portal.groups.selectors import group_households

from .models import Broadcast

VERIFIED = ResidentProfile.Status.VERIFIED


def audience_people(*, audience: str, target) -> QuerySet:
    """Active accounts in the audience, each once: residents whose home is
    checked (verified) in the area or estate; a group's members (checked homes
    the group covers, and its officers); the people following a body."""
    people = User.objects.filter(is_active=True)
    checked = Q(resident_profile__status=VERIFIED)
    if audience == Broadcast.Audience.AREA:
        found = people.filter(checked, resident_profile__home__estate__area=target)
    elif audience == Broadcast.Audience.ESTATE:
        found = people.filter(checked, resident_profile__home__estate=target)
    elif audience == Broadcast.Audience.GROUP:
        homes = group_households(target).values("pk")
        found = people.filter(
            (checked & Q(resident_profile__home__in=homes))
            | Q(group_offices__group=target)
        )
    elif audience == Broadcast.Audience.BODY:
        found = people.filter(follows__body=target)
    else:
        return people.none()
    # One row per person, however many routes reach them.
    return User.objects.filter(pk__in=found.values("pk"))


def sent_broadcasts() -> QuerySet:
    """Every message sent to many people, newest first, with what the history
    shows about each in the same query."""
    return Broadcast.objects.select_related(
        "sent_by", "area", "estate", "group", "body_followed"
    ).order_by("-created_at", "-pk")
