"""Involvement source: scrutiny reviews the person took part in (they attended
one of the review's meetings)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, register_source

from .models import ScrutinyReview


@register_source("scrutiny", order=40)
def scrutiny_reviews(user):
    reviews = (
        ScrutinyReview.objects.filter(
            meetings__attendance__person=user,
            meetings__attendance__status="attended",
        )
        .select_related("body")
        .distinct()
    )
    for review in reviews:
        yield Item(
            date=review.started_on,
            kind=_("Scrutiny review"),
            title=review.title,
            role=review.body.name,
            url=reverse("scrutiny:review", args=[review.pk]),
        )
