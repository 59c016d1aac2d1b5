"""Staff home: one Wagtail dashboard panel per kind of work waiting.

Each feature app declares its panel in its own `wagtail_hooks.py` with
`@register_work_panel` (a subclass of `WorkWaitingPanel`), so core knows no
feature. A panel is shown only to people who may do that work; it reads what
waits with one aggregate query (count and oldest date per line), so its cost does
not grow with the data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .dates import london_today


@dataclass
class WorkLine:
    """One count on a panel: what it is, how many, since when, where to go."""

    label: str
    count: int
    oldest: datetime.date | None
    url: str

    @property
    def age_days(self) -> int | None:
        if self.oldest is None:
            return None
        return max((london_today() - self.oldest).days, 0)


def as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


def count_lines(
    queryset: QuerySet,
    *,
    date_field: str,
    lines: list[tuple[str, Q, str]],
    count_field: str = "pk",
) -> list[WorkLine]:
    """Count and the oldest date for each (label, filter, url) in ONE query.

    `count_field="translation_key"` counts a translated page once.
    """
    aggregates = {}
    for index, (_label, where, _url) in enumerate(lines):
        aggregates[f"count_{index}"] = Count(count_field, filter=where, distinct=True)
        aggregates[f"oldest_{index}"] = Min(date_field, filter=where)
    row = queryset.aggregate(**aggregates)
    return [
        WorkLine(
            label=label,
            count=row[f"count_{index}"],
            oldest=as_date(row[f"oldest_{index}"]),
            url=url,
        )
        for index, (label, _where, url) in enumerate(lines)
    ]


class WorkWaitingPanel(Component):
    """A dashboard panel: what waits of one kind of work, with the oldest item's
    age and a link to its queue. Subclasses set `name`, `heading`, `permission`
    and `order`, and implement `get_lines()` (one query, via `count_lines`)."""

    template_name = "portal_core/home/work_waiting.html"
    name = ""
    heading = ""
    permission = ""
    order = 100
    # Wagtail's own panels start at 210: waiting work comes first.

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        return self.request.user.has_perm(self.permission)

    def get_lines(self) -> list[WorkLine]:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        lines = self.get_lines()
        return {
            "panel_id": f"waiting-{self.name}",
            "heading": self.heading,
            "lines": lines,
            "name": self.name,
        }


def register_work_panel(panel_class: type[WorkWaitingPanel]):
    """Class decorator for a feature app's `wagtail_hooks.py`: add the panel to the
    staff home of everyone who may do that work."""

    @hooks.register("construct_homepage_panels")
    def add_panel(request, panels):
        panel = panel_class(request)
        if panel.is_shown():
            panels.append(panel)

    panel_class.add_panel_hook = staticmethod(add_panel)
    return panel_class
