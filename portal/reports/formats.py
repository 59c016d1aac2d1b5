"""Other formats sent within the promised working days. Format requests belong
to `cms.core`, a lower layer that may not import this app: the measure lives here."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.core.models import FormatRequest
from portal.core.dates import london_today

from .registry import (
    CONSULTATIONS,
    PERCENT,
    Bar,
    day_cell,
    percent,
    ratio_figure,
    register_measure,
    register_records,
    yes_no,
)
from .scopes import NotRecorded


def _due(period, scope):
    """The requests due in the period, up to today (the whole landlord only:
    requests do not say where the person lives)."""
    if scope.kind != "landlord":
        raise NotRecorded
    until = min(period.last, london_today())
    return FormatRequest.objects.filter(due_on__gte=period.first, due_on__lte=until)


@register_records("formats_on_time")
def formats_on_time_records(period, scope):
    yield [
        gettext("Request"),
        gettext("Format"),
        gettext("Due"),
        gettext("Sent"),
        gettext("On time"),
    ]
    labels = dict(FormatRequest.Format.choices)
    for pk, kind, due_on, sent_at in (
        _due(period, scope)
        .order_by("due_on", "pk")
        .values_list("pk", "format", "due_on", "sent_at")
    ):
        sent_on = day_cell(sent_at)
        yield [
            pk,
            str(labels.get(kind, kind)),
            day_cell(due_on),
            sent_on,
            yes_no(sent_at and sent_on <= due_on.isoformat()),
        ]


@register_measure(
    key="formats_on_time",
    section=CONSULTATIONS,
    label=_("Other formats sent on time"),
    definition=_(
        "Of the requests for another format or language due in the period (up to "
        "today), how many were sent by the date the person was promised "
        "(INVOLVE_FORMAT_REQUEST_WORKING_DAYS working days after asking). Bars: "
        "by format."
    ),
    unit=PERCENT,
    order=50,
)
def formats_on_time(period, scope):
    rows = list(
        _due(period, scope)
        .values("format")
        .annotate(
            total=Count("pk"),
            on_time=Count(
                "pk",
                filter=Q(sent_at__isnull=False, sent_at__date__lte=F("due_on")),
            ),
        )
        .order_by("format")
    )
    labels = dict(FormatRequest.Format.choices)
    return ratio_figure(
        sum(r["on_time"] for r in rows),
        sum(r["total"] for r in rows),
        bars=[
            Bar(
                str(labels.get(r["format"], r["format"])),
                percent(r["on_time"], r["total"]),
            )
            for r in rows
        ],
        listing=reverse("format_requests:index"),
    )
