"""Separation of duties, as one rule for every decision.

Nobody decides anything for themselves, for their household (someone with the same
verified home) or for a group they are an officer of. Each feature says, in its own
`separation.py`, who a kind of record belongs to (`@belongs_to(Model)` returning
`Parties`); the modules are found at start-up like `admin.py` files. Every service
that decides something calls `check_separation(actor=..., record=...)` first.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _

SELF, HOUSEHOLD, GROUP = "self", "household", "group"


@dataclass(frozen=True)
class Parties:
    """Whom a record belongs to: people (user ids), groups (group ids) and homes
    (property ids, for a record about a home rather than a person)."""

    people: frozenset = frozenset()
    groups: frozenset = frozenset()
    homes: frozenset = frozenset()


def parties(
    *, people: Iterable = (), groups: Iterable = (), homes: Iterable = ()
) -> Parties:
    """`Parties` from ids, leaving out the empty ones (a claim with no group)."""

    def ids(values):
        return frozenset(value for value in values if value is not None)

    return Parties(people=ids(people), groups=ids(groups), homes=ids(homes))


_FINDERS: dict[type, Callable[[object], Parties]] = {}


def belongs_to(model: type):
    """Register how to find who a `model` record belongs to."""

    def register(finder: Callable[[object], Parties]):
        _FINDERS[model] = finder
        return finder

    return register


def registered_models() -> list[type]:
    return list(_FINDERS)


def parties_of(record) -> Parties:
    for cls in type(record).__mro__:
        if cls in _FINDERS:
            return _FINDERS[cls](record)
    raise ImproperlyConfigured(
        f"No separation-of-duties rule says who a {type(record).__name__} belongs "
        "to: add one to the app's separation.py."
    )


def conflict(actor, record) -> str | None:
    """SELF, HOUSEHOLD or GROUP if `actor` may not decide on `record`, else None."""
    belongs = parties_of(record)
    if actor.pk in belongs.people:
        return SELF
    if belongs.groups:
        officer = apps.get_model("groups", "Officer")
        if officer.objects.filter(
            user_id=actor.pk, group_id__in=belongs.groups
        ).exists():
            return GROUP
    profile = apps.get_model("accounts", "ResidentProfile")
    verified = profile.objects.filter(status=profile.Status.VERIFIED)
    actor_home = (
        verified.filter(user_id=actor.pk).values_list("home_id", flat=True).first()
    )
    if actor_home is not None:
        if actor_home in belongs.homes:
            return HOUSEHOLD
        if (
            belongs.people
            and verified.filter(user_id__in=belongs.people, home_id=actor_home).exists()
        ):
            return HOUSEHOLD
    return None


def check_separation(*, actor, record, own_message: str | None = None) -> None:
    """PermissionDenied, with the reason to show, unless `actor` may decide."""
    kind = conflict(actor, record)
    if kind == SELF:
        raise PermissionDenied(
            own_message or _("You cannot decide on something of your own.")
        )
    if kind == HOUSEHOLD:
        raise PermissionDenied(
            _("This is from someone in your household, so someone else must decide.")
        )
    if kind == GROUP:
        raise PermissionDenied(
            _("You are an officer of this group, so someone else must decide.")
        )
