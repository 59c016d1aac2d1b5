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
        awaiting=Count("pk", filter=Q(response=Recommendation.WAITING)),
        implemented=Count("pk", filter=accepted & Q(action__status="done")),
        implemented_on_time=Count(
            "pk",
            filter=accepted
            & Q(action__status="done", action__done_on__lte=F("action__due_on")),
        ),
    )


def response_times(*, start: datetime.date, end: datetime.date, today) -> dict:
    """Recommendations sent in [start, end] whose response is due by `today` or
    already given: how many were answered within the days their review gives
    the landlord, how many late, and how many are still waiting past the date.
    One query; the due date is the model's own rule (`response_due_on`)."""
    sent = Recommendation.objects.filter(
        made_on__gte=start, made_on__lte=end
    ).select_related("review")
    counts = {"due": 0, "in_time": 0, "late": 0, "waiting": 0}
    for recommendation in sent:
        timing = response_timing(recommendation, today=today)
        if timing is not None:
            counts["due"] += 1
            counts[timing] += 1
    return counts


def response_timing(recommendation, *, today) -> str | None:
    """ "in_time", "late" or "waiting" (not answered, past its date); `None` when
    it is not answered and there is still time to answer."""
    due_on = recommendation.response_due_on
    answered = recommendation.responded_on
    if answered is None:
        return None if due_on >= today else "waiting"
    return "in_time" if answered <= due_on else "late"


def responses_awaited() -> dict[ScrutinyReview, datetime.date]:
    """Each review with recommendations still waiting for the landlord's
    response, and the earliest date one of them is due. One query."""
    waiting = (
        Recommendation.objects.filter(response=Recommendation.WAITING)
        .select_related("review__staff_lead")
        .order_by("review_id", "made_on")
    )
    due: dict[ScrutinyReview, datetime.date] = {}
    for recommendation in waiting:
        review = recommendation.review
        due_on = recommendation.response_due_on
        if review not in due or due_on < due[review]:
            due[review] = due_on
    return due
