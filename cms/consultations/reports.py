"""Consultations' measures for the performance report (`portal.reports`): run,
reply windows met, response rates against eligible households, days from close
to outcome and "You said, we did" published."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.housing.models import Property
from portal.reports.registry import (
    CONSULTATIONS,
    COUNT,
    DAYS,
    PERCENT,
    Bar,
    Figure,
    ParticipationSource,
    day_cell,
    percent,
    ratio_figure,
    register_measure,
    register_participation_source,
    register_records,
    yes_no,
)

from .models import Channel, ConsultationPage, ConsultationSettings, Response


def local_date(moment):
    return timezone.localtime(moment).date()


def consultations(scope, **filters):
    """Live consultations (each once, in the main language) that asked people
    in the scope: those naming its area or estate, and those asking everyone."""
    pages = ConsultationPage.objects.live().filter(
        locale__language_code=settings.LANGUAGE_CODE, **filters
    )
    if scope.kind == "landlord":
        return pages
    everyone = Q(areas__isnull=True, estates__isnull=True)
    if scope.estate_id:
        asked = Q(estates=scope.estate_id) | Q(areas=scope.area_id)
    else:
        asked = Q(areas=scope.area_id) | Q(estates__area=scope.area_id)
    return pages.filter(pk__in=pages.filter(asked | everyone).values("pk"))


def _url() -> str:
    return reverse("consultations_admin:list")


def _opened(period, scope):
    """The consultations that opened in the period (in the scope)."""
    return consultations(
        scope, opens_at__gte=period.start_at, opens_at__lt=period.end_at
    ).order_by("opens_at", "pk")


def _heading(*more) -> list:
    return [gettext("Consultation"), gettext("Opened"), gettext("Closed"), *more]


@register_records("consultations_run")
def consultations_run_records(period, scope):
    yield _heading()
    for title, opens, closes in _opened(period, scope).values_list(
        "title", "opens_at", "closes_at"
    ):
        yield [title, day_cell(opens), day_cell(closes)]


@register_measure(
    key="consultations_run",
    section=CONSULTATIONS,
    label=_("Consultations run"),
    definition=_(
        "Consultations that opened in the period and asked residents in the "
        "chosen place (including those asking everyone). Bars: by month opened."
    ),
    unit=COUNT,
    order=10,
)
def consultations_run(period, scope):
    opened = list(_opened(period, scope).values_list("opens_at", flat=True))
    months = defaultdict(int)
    for moment in opened:
        months[local_date(moment).replace(day=1)] += 1
    return Figure(
        value=len(opened),
        bars=[Bar(f"{month:%b %Y}", months[month]) for month in period.months()],
        listing=_url(),
    )


def _closed(period, scope):
    return consultations(
        scope,
        closes_at__gte=period.start_at,
        closes_at__lt=min(period.end_at, timezone.now()),
    )


@register_records("you_said_published")
def you_said_published_records(period, scope):
    yield _heading(gettext("Outcome published"))
    rows = _closed(period, scope).order_by("closes_at", "pk")
    for title, opens, closes, outcome in rows.values_list(
        "title", "opens_at", "closes_at", "outcome_published_at"
    ):
        yield [title, day_cell(opens), day_cell(closes), day_cell(outcome)]


@register_measure(
    key="response_rate",
    section=CONSULTATIONS,
    label=_("Response rate"),
    definition=_(
        "For consultations that closed in the period: responses sent by "
        "residents with an account, on paper or by phone, against the households "
        "in the property register each consultation asked (by area, estate and "
        "tenure). Answers without an account are not counted. Bars: each "
        "consultation's rate."
    ),
    unit=PERCENT,
    order=20,
)
def response_rate(period, scope):
    rates = _response_rates(period, scope)
    return ratio_figure(
        sum(got for _page, got, _eligible in rates),
        sum(eligible for _page, _got, eligible in rates),
        bars=[
            Bar(page.title, percent(got, eligible) or Decimal(0))
            for page, got, eligible in rates
        ],
        listing=_url(),
    )


def _response_rates(period, scope) -> list[tuple]:
    """(consultation, responses counted, eligible households) for each
    consultation that closed in the period (three queries)."""
    closed = list(
        _closed(period, scope)
        .prefetch_related("areas", "estates")
        .order_by("closes_at")
    )
    households = list(
        Property.objects.values("estate_id", "estate__area_id", "tenure")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answered = defaultdict(int)
    for row in (
        Response.objects.filter(
            submitted=True,
            consultation__translation_key__in=[c.translation_key for c in closed],
        )
        .exclude(channel=Channel.ANONYMOUS)
        .values("consultation__translation_key", "estate_id", "estate__area_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if _in_scope(scope, row["estate_id"], row["estate__area_id"]):
            answered[row["consultation__translation_key"]] += row["n"]
    rates = []
    for page in closed:
        areas = {a.pk for a in page.areas.all()}
        estates = {e.pk for e in page.estates.all()}
        tenures = set(page.tenure_list)
        eligible = sum(
            row["n"]
            for row in households
            if (not (areas or estates))
            or row["estate__area_id"] in areas
            or row["estate_id"] in estates
            if (not tenures or row["tenure"] in tenures)
            and _in_scope(scope, row["estate_id"], row["estate__area_id"])
        )
        rates.append((page, answered[page.translation_key], eligible))
    return rates


@register_records("response_rate")
def response_rate_records(period, scope):
    """One row per consultation: its responses and eligible households (the
    figure adds them up)."""
    yield _heading(gettext("Responses counted"), gettext("Households asked"))
    for page, got, eligible in _response_rates(period, scope):
        yield [
            page.title,
            day_cell(page.opens_at),
            day_cell(page.closes_at),
            got,
            eligible,
        ]


def _in_scope(scope, estate_id, area_id) -> bool:
    if scope.estate_id:
        return estate_id == scope.estate_id
    if scope.area_id:
        return area_id == scope.area_id
    return True


def _outcomes(period, scope) -> list[tuple]:
    """(title, closed, outcome published, days between) for each outcome
    published in the period."""
    rows = (
        consultations(
            scope,
            outcome_published_at__gte=period.start_at,
            outcome_published_at__lt=period.end_at,
        )
        .order_by("outcome_published_at", "pk")
        .values_list("title", "closes_at", "outcome_published_at")
    )
    return [
        (title, closes, outcome, (local_date(outcome) - local_date(closes)).days)
        for title, closes, outcome in rows
    ]


@register_records("days_to_outcome")
def days_to_outcome_records(period, scope):
    yield [
        gettext("Consultation"),
        gettext("Closed"),
        gettext("Outcome published"),
        gettext("Days"),
    ]
    for title, closes, outcome, days in _outcomes(period, scope):
        yield [title, day_cell(closes), day_cell(outcome), days]


@register_measure(
    key="days_to_outcome",
    section=CONSULTATIONS,
    label=_("Days from close to outcome"),
    definition=_(
        "For “You said, we did” outcomes published in the period: the average "
        "number of days from the consultation closing to its outcome being "
        "published (London dates). Fewer is better. Bars: each consultation."
    ),
    unit=DAYS,
    higher_is_better=False,
    order=30,
)
def days_to_outcome(period, scope):
    days = [(title, d) for title, _closes, _outcome, d in _outcomes(period, scope)]
    average = (
        (Decimal(sum(d for _t, d in days)) / len(days)).quantize(Decimal("0.1"))
        if days
        else None
    )
    return Figure(
        value=average,
        count=len(days),
        bars=[Bar(title, d) for title, d in days],
        listing=_url(),
    )


@register_measure(
    key="you_said_published",
    section=CONSULTATIONS,
    label=_("“You said, we did” published"),
    definition=_(
        "Of the consultations that closed in the period, how many have published "
        "what residents said and what the landlord decided."
    ),
    unit=PERCENT,
    order=40,
)
def you_said_published(period, scope):
    rows = list(_closed(period, scope).values_list("title", "outcome_published_at"))
    done = sum(1 for _title, outcome in rows if outcome)
    return ratio_figure(
        done,
        len(rows),
        bars=[Bar(title, 1 if outcome else 0) for title, outcome in rows],
        listing=_url(),
    )


register_participation_source(
    ParticipationSource(
        key="responded",
        label=_("Answered a consultation"),
        queryset=lambda: Response.objects.filter(submitted=True),
        person="respondent",
        moment="updated_at",
        estate="estate",
        channel="channel",  # online, paper or phone: the codes CHANNELS uses
    )
)


def _minimum_reply_days() -> int:
    """The landlord's minimum reply window, from the default site's settings."""
    days = (
        ConsultationSettings.objects.filter(site__is_default_site=True)
        .values_list("minimum_reply_days", flat=True)
        .first()
    )
    if days is None:
        return ConsultationSettings._meta.get_field("minimum_reply_days").default
    return days


@register_measure(
    key="reply_windows_met",
    section=CONSULTATIONS,
    label=_("Reply windows met"),
    definition=_(
        "Of the consultations that opened in the period, how many gave residents "
        "at least the minimum time to reply set in the consultation settings "
        "(21 days unless changed). A shorter one must say why on its page. "
        "Bars: the days each consultation was open."
    ),
    unit=PERCENT,
    bar_unit=DAYS,
    order=15,
)
def reply_windows_met(period, scope):
    minimum = datetime.timedelta(days=_minimum_reply_days())
    rows = list(_opened(period, scope).values_list("title", "opens_at", "closes_at"))
    met = sum(1 for _title, opens, closes in rows if closes - opens >= minimum)
    return ratio_figure(
        met,
        len(rows),
        bars=[Bar(title, (closes - opens).days) for title, opens, closes in rows],
        listing=_url(),
    )


@register_records("reply_windows_met")
def reply_windows_met_records(period, scope):
    minimum = datetime.timedelta(days=_minimum_reply_days())
    yield _heading(gettext("Days open"), gettext("Minimum time given"))
    for title, opens, closes in _opened(period, scope).values_list(
        "title", "opens_at", "closes_at"
    ):
        yield [
            title,
            day_cell(opens),
            day_cell(closes),
            (closes - opens).days,
            yes_no(closes - opens >= minimum),
        ]
