"""Where a figure is counted: the whole landlord, one area or one estate, and
optionally one body (the Board, the Panel...).

A measure says how its records know their place (`area=`/`estate=` lookups); a
record that knows only its area cannot be counted for an estate, and the report
says so rather than guessing. A body applies only to the measures registered
with `by_body=True` (meetings know their body; consultations, groups and money
do not): the others show no figure and say why.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _


class NotRecorded(Exception):
    """The records behind a measure do not say which estate (or area) they are."""


@dataclass(frozen=True)
class Scope:
    area_id: int | None = None
    estate_id: int | None = None
    label: str = ""
    body_id: int | None = None

    @property
    def kind(self) -> str:
        if self.estate_id:
            return "estate"
        return "area" if self.area_id else "landlord"

    def q(
        self,
        *,
        area: str | None = None,
        estate: str | None = None,
        body: str | None = None,
    ) -> Q:
        """A filter for records whose area is at the lookup `area`, whose estate
        is at `estate` and whose body is at `body` (any may be missing). Raises
        `NotRecorded` when the records cannot be placed at this scope."""
        if self.body_id:
            if body is None:
                raise NotRecorded
            return Q(**{body: self.body_id}) & self._place(area=area, estate=estate)
        return self._place(area=area, estate=estate)

    def _place(self, *, area: str | None, estate: str | None) -> Q:
        if self.estate_id:
            if estate is None:
                raise NotRecorded
            return Q(**{estate: self.estate_id})
        if self.area_id:
            if area is None:
                if estate is None:
                    raise NotRecorded
                area = f"{estate}__area"
            return Q(**{area: self.area_id})
        return Q()

    def not_recorded_note(self) -> str:
        if self.body_id:
            return _(
                "A body does not apply to this measure: its records do not belong "
                "to a body. Choose no body to see it."
            )
        if self.kind == "estate":
            return _("These records do not say which estate they are for.")
        return _("These records do not say which area they are for.")


LANDLORD = Scope()
