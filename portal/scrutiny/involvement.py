"""Involvement source: scrutiny reviews the person took part in (they attended
one of the review's meetings)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, register_source, summary_columns

from .models import ScrutinyReview

KIND = _("Scrutiny review")


def _taken_part(user):
    """Reviews with a meeting the person attended, each review once."""
    attended = ScrutinyReview.objects.filter(
        meetings__attendance__person=user,
        meetings__attendance__status="attended",
    )
    return ScrutinyReview.objects.filter(pk__in=attended.values("pk"))


def summary(user):
    return [
        _taken_part(user).values(
            **summary_columns(date="started_on", kind=KIND, title="title")
        )
    ]


@register_source("scrutiny", order=40, summary=summary)
def scrutiny_reviews(user):
    for review in _taken_part(user).select_related("body"):
        yield Item(
            date=review.started_on,
            kind=KIND,
            title=review.title,
            role=review.body.name,
            url=reverse("scrutiny:review", args=[review.pk]),
        )
