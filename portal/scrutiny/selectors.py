"""Reads for scrutiny reviews, including what the accountability reports count."""

import datetime

from django.db.models import Count, F, Q

from .models import Recommendation, ScrutinyReview


def review_story(pk: int) -> ScrutinyReview:
    return (
        ScrutinyReview.objects.select_related("body")
        .prefetch_related("meetings", "recommendations__action")
        .get(pk=pk)
    )


def recommendations_summary(*, start: datetime.date, end: datetime.date) -> dict:
    """Recommendations made in [start, end]: accepted (in whole or part), not
    accepted, awaiting a response, and implemented (their action done). One query."""
    made = Recommendation.objects.filter(made_on__gte=start, made_on__lte=end)
    accepted = Q(response__in=["accepted", "partly"])
    return made.aggregate(
        made=Count("pk"),
        accepted=Count("pk", filter=accepted),
        rejected=Count("pk", filter=Q(response="rejected")),
        awaiting=Count("pk", filter=Q(response="")),
        implemented=Count("pk", filter=accepted & Q(action__status="done")),
        implemented_on_time=Count(
            "pk",
            filter=accepted
            & Q(action__status="done", action__done_on__lte=F("action__due_on")),
        ),
    )
