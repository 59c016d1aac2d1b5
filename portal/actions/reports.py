"""The actions register's measure for the performance report (`portal.reports`):
actions done on time, through `selectors.actions_done_on_time`."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.dates import london_today
from portal.reports.registry import (
    INFLUENCE,
    PERCENT,
    Bar,
    ratio_figure,
    register_measure,
)

from .selectors import actions_done_on_time


@register_measure(
    key="actions_on_time",
    section=INFLUENCE,
    label=_("Actions done on time"),
    definition=_(
        "Of the actions in the register that fell due in the period (up to "
        "today), how many were done by their due date. Actions done late and "
        "those still not done count against it; actions due today and not yet "
        "done, and those not going ahead, are left out. In an area or estate, "
        "actions recorded for that place. Bars: actions by what happened."
    ),
    unit=PERCENT,
    order=10,
    bar_unit="count",
)
def actions_on_time(period, scope):
    today = london_today()
    judged_until = dataclasses.replace(period, last=min(period.last, today))
    found = actions_done_on_time(
        start=period.first,
        end=judged_until.last,
        area=scope.area_id,
        estate=scope.estate_id,
        today=today,
    )
    judged = found["on_time"] + found["done_late"] + found["overdue"]
    return ratio_figure(
        found["on_time"],
        judged,
        bars=[
            Bar(str(_("Done on time")), found["on_time"]),
            Bar(str(_("Done late")), found["done_late"]),
            Bar(str(_("Overdue, not done")), found["overdue"]),
            Bar(str(_("Not going ahead")), found["dropped"]),
        ],
        url=reverse("actions_register:index")
        + "?"
        + judged_until.listing_query("due_on"),
    )
