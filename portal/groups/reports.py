"""Groups recognised in the period (`portal.reports`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import COUNT, GROUPS, Bar, Figure, register_measure

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
    decided = RecognitionApplication.objects.filter(
        status=RecognitionApplication.Status.APPROVED,
        decided_at__gte=period.start_at,
        decided_at__lt=period.end_at,
    )
    if scope.kind != "landlord":
        decided = decided.filter(
            pk__in=decided.filter(scope.q(estate="group__estates")).values("pk")
        )
    months = {}
    for moment in decided.values_list("decided_at", flat=True):
        month = timezone.localtime(moment).date().replace(day=1)
        months[month] = months.get(month, 0) + 1
    return Figure(
        value=sum(months.values()),
        bars=[Bar(f"{m:%b %Y}", months.get(m, 0)) for m in period.months()],
        url=reverse("recognition_applications:index") + "?status=approved",
    )
