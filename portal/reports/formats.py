"""Other formats sent within the promised working days. Format requests belong
to `cms.core`, a lower layer that may not import this app: the measure lives here."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.core.models import FormatRequest
from portal.core.dates import london_today

from .registry import (
    CONSULTATIONS,
    PERCENT,
    Bar,
    percent,
    ratio_figure,
    register_measure,
)
from .scopes import NotRecorded


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
    if scope.kind != "landlord":
        raise NotRecorded
    until = min(period.last, london_today())
    rows = list(
        FormatRequest.objects.filter(due_on__gte=period.first, due_on__lte=until)
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
        url=reverse("format_requests:index"),
    )
