"""Groups recognised, and recognitions renewed before they ran out, in the
period (`portal.reports`)."""

import datetime
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import (
    COUNT,
    GROUPS,
    PERCENT,
    Bar,
    Figure,
    ratio_figure,
    register_measure,
    register_records,
    yes_no,
)

from .models import RecognitionApplication


@register_measure(
    key="groups_recognised",
    section=GROUPS,
    label=_("Groups recognised"),
    definition=_(
        "Recognition applications approved in the period (first recognitions and "
        "renewals). In an area or estate, groups covering a whole estate there. "
        "Bars: by month of the decision."
    ),
    unit=COUNT,
    order=10,
)
def groups_recognised(period, scope):
    months = {}
    for moment in _approved_in(period, scope).values_list("decided_at", flat=True):
        month = timezone.localtime(moment).date().replace(day=1)
        months[month] = months.get(month, 0) + 1
    return Figure(
        value=sum(months.values()),
        bars=[Bar(f"{m:%b %Y}", months.get(m, 0)) for m in period.months()],
        listing=reverse("recognition_applications:index")
        + "?status=approved&"
        + period.listing_query("decided_at"),
    )


def _approved_in(period, scope):
    """Recognitions approved in the period, for groups in the scope."""
    decided = RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.APPROVED,
        decided_at__gte=period.start_at,
        decided_at__lt=period.end_at,
    )
    if scope.kind != "landlord":
        decided = decided.filter(
            pk__in=decided.filter(scope.q(estate="group__estates")).values("pk")
        )
    return decided


@register_records("groups_recognised")
def groups_recognised_records(period, scope):
    yield [
        gettext("Group"),
        gettext("Applied"),
        gettext("Decided"),
        gettext("Recognised until"),
    ]
    rows = _approved_in(period, scope).order_by("decided_at", "pk")
    for name, applied, decided, until in rows.values_list(
        "group__name", "applied_at", "decided_at", "recognised_until"
    ):
        yield [
            name,
            timezone.localtime(applied).date().isoformat(),
            timezone.localtime(decided).date().isoformat(),
            until.isoformat() if until else "",
        ]


@register_measure(
    key="renewals_on_time",
    section=GROUPS,
    label=_("Recognition renewed on time"),
    definition=_(
        "Of the recognitions that ran out in the period, how many were renewed "
        "(a later application approved) on or before the day they ran out, so "
        "the group stayed recognised. Recognitions running out after today are "
        "not counted yet. Bars: by month the recognition ran out."
    ),
    unit=PERCENT,
    bar_unit=COUNT,
    order=20,
)
def renewals_on_time(period, scope):
    ending = _ending(period, scope)
    months = defaultdict(int)
    for _name, until, _renewed in ending:
        months[until.replace(day=1)] += 1
    return ratio_figure(
        sum(renewed for _name, _until, renewed in ending),
        len(ending),
        bars=[Bar(f"{m:%b %Y}", months[m]) for m in period.months()],
        listing=reverse("recognition_applications:index")
        + "?status=approved&"
        + period.listing_query("recognised_until"),
    )


def _ending(period, scope) -> list[tuple]:
    """(group name, recognised until, renewed in time) for each recognition that
    ran out in the period, up to yesterday (two queries)."""
    approved = RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.APPROVED, decided_at__isnull=False
    )
    if scope.kind != "landlord":
        approved = approved.filter(
            pk__in=approved.filter(scope.q(estate="group__estates")).values("pk")
        )
    today = timezone.localdate()
    ending = list(
        approved.filter(
            recognised_until__gte=period.first,
            recognised_until__lte=min(period.last, today - datetime.timedelta(days=1)),
        )
        .order_by("recognised_until", "pk")
        .values_list("group_id", "group__name", "decided_at", "recognised_until")
    )
    decisions = defaultdict(list)
    for group_id, decided_at in approved.filter(
        group_id__in={row[0] for row in ending}
    ).values_list("group_id", "decided_at"):
        decisions[group_id].append(decided_at)
    return [
        (
            name,
            until,
            any(
                later > decided_at and timezone.localtime(later).date() <= until
                for later in decisions[group_id]
            ),
        )
        for group_id, name, decided_at, until in ending
    ]


@register_records("renewals_on_time")
def renewals_on_time_records(period, scope):
    yield [gettext("Group"), gettext("Recognised until"), gettext("Renewed in time")]
    for name, until, renewed in _ending(period, scope):
        yield [name, until.isoformat(), yes_no(renewed)]
