"""What else a person may follow from the preference centre, besides areas and
estates. Accounts imports no feature app: an app whose things can be followed
(resident groups) registers a `Follow` here in its `AppConfig.ready`, and the
preference centre shows its tick boxes and saves the choice."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class Follow:
    """`field()` builds the form field (a new one per form); `followed(person)`
    gives what they follow now; `save(person, chosen)` keeps exactly `chosen`."""

    name: str
    field: Callable[[], forms.Field]
    followed: Callable[[object], Iterable]
    save: Callable[[object, Iterable], None]


_follows: dict[str, Follow] = {}


def register(follow: Follow) -> Follow:
    _follows[follow.name] = follow
    return follow


def registered() -> list[Follow]:
    return list(_follows.values())
