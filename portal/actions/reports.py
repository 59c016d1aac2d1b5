"""The actions register's measure for the performance report (`portal.reports`):
actions done on time, through `selectors.actions_done_on_time`."""

import dataclasses

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.dates import london_today
from portal.reports.registry import (
    INFLUENCE,
    PERCENT,
    Bar,
    day_cell,
    ratio_figure,
    register_measure,
    register_records,
)

from .selectors import actions_done_on_time, actions_due, judged_actions

OUTCOMES = {
    "on_time": _("Done on time"),
    "done_late": _("Done late"),
    "overdue": _("Overdue, not done"),
}


@register_records("actions_on_time")
def actions_on_time_records(period, scope):
    """The actions the figure judges, each with what happened."""
    today = london_today()
    due = actions_due(
        start=period.first,
        end=min(period.last, today),
        area=scope.area_id,
        estate=scope.estate_id,
    )
    yield [gettext("Action"), gettext("Due"), gettext("Done on"), gettext("Outcome")]
    for title, due_on, done_on, outcome in judged_actions(due, today=today).values_list(
        "title", "due_on", "done_on", "outcome"
    ):
        yield [title, day_cell(due_on), day_cell(done_on), str(OUTCOMES[outcome])]


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
        listing=reverse("actions_register:index")
        + "?"
        + judged_until.listing_query("due_on"),
    )
