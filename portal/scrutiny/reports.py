"""Scrutiny's measures for the performance report (`portal.reports`):
recommendations accepted and implemented (`selectors.recommendations_summary`)
and responses given within the time the review allows
(`selectors.response_times`). Reviews cover the whole landlord, so an area or
estate has no figure."""

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
from portal.reports.scopes import NotRecorded

from .selectors import recommendations_summary, response_times


def _landlord_only(scope) -> None:
    if scope.kind != "landlord":
        raise NotRecorded


def _url() -> str:
    return reverse("scrutiny_recommendations:index")


@register_measure(
    key="recommendations_accepted",
    section=INFLUENCE,
    label=_("Scrutiny recommendations accepted"),
    definition=_(
        "Of the scrutiny recommendations sent to the landlord in the period that "
        "have a response, how many were accepted in full or in part. Bars: "
        "recommendations by response, including those still waiting for one."
    ),
    unit=PERCENT,
    order=20,
    bar_unit="count",
)
def recommendations_accepted(period, scope):
    _landlord_only(scope)
    found = recommendations_summary(start=period.first, end=period.last)
    return ratio_figure(
        found["accepted"],
        found["accepted"] + found["rejected"],
        bars=[
            Bar(str(_("Accepted in full or in part")), found["accepted"]),
            Bar(str(_("Not accepted")), found["rejected"]),
            Bar(str(_("Waiting for a response")), found["awaiting"]),
        ],
        url=_url(),
    )


@register_measure(
    key="recommendations_implemented",
    section=INFLUENCE,
    label=_("Accepted recommendations implemented"),
    definition=_(
        "Of the scrutiny recommendations sent in the period and accepted in full "
        "or in part, how many have had their action done. Bars: done by the "
        "action's due date, done late, and not done yet."
    ),
    unit=PERCENT,
    order=30,
    bar_unit="count",
)
def recommendations_implemented(period, scope):
    _landlord_only(scope)
    found = recommendations_summary(start=period.first, end=period.last)
    return ratio_figure(
        found["implemented"],
        found["accepted"],
        bars=[
            Bar(str(_("Done on time")), found["implemented_on_time"]),
            Bar(
                str(_("Done late")),
                found["implemented"] - found["implemented_on_time"],
            ),
            Bar(str(_("Not done yet")), found["accepted"] - found["implemented"]),
        ],
        url=_url(),
    )


@register_measure(
    key="scrutiny_responses_on_time",
    section=INFLUENCE,
    label=_("Scrutiny responses given in time"),
    definition=_(
        "Of the scrutiny recommendations sent to the landlord in the period whose "
        "response was due by today (or has been given), how many were answered "
        "within the days the review gives the landlord to respond. Bars: "
        "answered in time, answered late, still waiting after the date."
    ),
    unit=PERCENT,
    order=40,
    bar_unit="count",
)
def scrutiny_responses_on_time(period, scope):
    _landlord_only(scope)
    found = response_times(start=period.first, end=period.last, today=london_today())
    return ratio_figure(
        found["in_time"],
        found["due"],
        bars=[
            Bar(str(_("Answered in time")), found["in_time"]),
            Bar(str(_("Answered late")), found["late"]),
            Bar(str(_("Still waiting after the date")), found["waiting"]),
        ],
        url=_url(),
    )
