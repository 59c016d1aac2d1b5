"""The dashboard-card registry: how feature apps put their cards on `/portal/`.

`portal.core` sits below the feature apps, so it never imports them. Instead each
app registers a card provider from its `AppConfig.ready()`:

    from portal.core.dashboard import Action, Card, register_card

    @register_card(order=40)
    def claims_card(request) -> Card | None:
        ...

A provider takes the request and returns a `Card` (or `None` when the card does
not apply to this person, e.g. panel work for someone not on a panel). A card
lists the person's real records with their status and the next thing to do, and
its `empty` text says what the person can do when there is nothing to list.
Each provider keeps its own query count flat (one or two queries, whatever the
number of records); `request_cache` shares a read between providers.

The registry holds code, not data, so it is the same in every process.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Action:
    """A link that starts a journey ("Claim expenses")."""

    label: str
    url: str
    primary: bool = False  # also shown at the top of the dashboard


@dataclass
class Card:
    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    section: str = "taking_part"  # "home", "taking_part" or "details"
    order: int = 100


Provider = Callable[[HttpRequest], Card | None]

SECTIONS = ("home", "taking_part", "details")

_providers: list[tuple[int, str, Provider]] = []


def register_card(*, order: int = 100) -> Callable[[Provider], Provider]:
    """Register a dashboard card provider (use as a decorator). Registering the
    same function twice (e.g. `ready()` run again in tests) keeps one entry."""

    def decorator(provider: Provider) -> Provider:
        name = f"{provider.__module__}.{provider.__qualname__}"
        _providers[:] = [entry for entry in _providers if entry[1] != name]
        _providers.append((order, name, provider))
        _providers.sort(key=lambda entry: (entry[0], entry[1]))
        return provider

    return decorator


def registered_providers() -> list[Provider]:
    return [provider for _order, _name, provider in _providers]


def cards_for(request: HttpRequest) -> dict[str, list[Card]]:
    """Every card that applies to the signed-in person, grouped by section."""
    sections: dict[str, list[Card]] = {name: [] for name in SECTIONS}
    for provider in registered_providers():
        card = provider(request)
        if card is not None:
            sections.setdefault(card.section, []).append(card)
    for cards in sections.values():
        cards.sort(key=lambda card: card.order)
    return sections


def primary_actions(sections: dict[str, list[Card]]) -> list[Action]:
    return [
        action
        for cards in sections.values()
        for card in cards
        for action in card.actions
        if action.primary
    ]


def request_cache(request: HttpRequest, key: str, compute: Callable):
    """Compute a value once per request (e.g. the person's profile, read by
    several cards)."""
    cache = request.__dict__.setdefault("_dashboard_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]
