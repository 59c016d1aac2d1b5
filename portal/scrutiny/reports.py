"""Scrutiny's measures for the performance report (`portal.reports`):
recommendations accepted and implemented (`selectors.recommendations_summary`)
and responses given within the time the review allows
(`selectors.response_times`). Reviews cover the whole landlord, so an area or
estate has no figure."""

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
from portal.reports.scopes import NotRecorded

from .models import Recommendation
from .selectors import recommendations_summary, response_times, response_timing

ACCEPTED = ["accepted", "partly"]
TIMINGS = {
    "in_time": _("Answered in time"),
    "late": _("Answered late"),
    "waiting": _("Still waiting after the date"),
}


def _made_in(period, scope):
    _landlord_only(scope)
    return (
        Recommendation.objects.filter(
            made_on__gte=period.first, made_on__lte=period.last
        )
        .select_related("review", "action")
        .order_by("made_on", "pk")
    )


def _heading(*more) -> list:
    return [gettext("Review"), gettext("Recommendation"), gettext("Sent on"), *more]


def _cells(recommendation, *more) -> list:
    return [
        recommendation.review.title,
        recommendation.text,
        day_cell(recommendation.made_on),
        *more,
    ]


@register_records("recommendations_accepted")
def recommendations_accepted_records(period, scope):
    """The recommendations with a response (the figure's "out of")."""
    yield _heading(gettext("Response"), gettext("Responded on"))
    answers = dict(Recommendation.Response.choices)
    for found in _made_in(period, scope).filter(response__in=[*ACCEPTED, "rejected"]):
        yield _cells(found, str(answers[found.response]), day_cell(found.responded_on))


@register_records("recommendations_implemented")
def recommendations_implemented_records(period, scope):
    """The recommendations accepted, and whether their action is done."""
    yield _heading(gettext("Action"), gettext("Action due"), gettext("Done on"))
    for found in _made_in(period, scope).filter(response__in=ACCEPTED):
        action = found.action
        done = action is not None and action.status == "done"
        yield _cells(
            found,
            action.title if action else "",
            day_cell(action.due_on) if action else "",
            day_cell(action.done_on) if done else "",
        )


@register_records("scrutiny_responses_on_time")
def scrutiny_responses_on_time_records(period, scope):
    """The recommendations whose response was due (or given)."""
    today = london_today()
    yield _heading(gettext("Response due"), gettext("Responded on"), gettext("In time"))
    for found in _made_in(period, scope):
        timing = response_timing(found, today=today)
        if timing is not None:
            yield _cells(
                found,
                day_cell(found.response_due_on),
                day_cell(found.responded_on),
                str(TIMINGS[timing]),
            )


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
        listing=_url(),
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
        listing=_url(),
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
        listing=_url(),
    )
