"""Public: scrutiny reviews and each one's whole story."""

from django.http import Http404
from django.shortcuts import render

from .models import ScrutinyReview
from .selectors import review_story


def reviews(request):
    return render(
        request,
        "scrutiny/reviews.html",
        {"reviews": ScrutinyReview.objects.select_related("body")},
    )


def review(request, pk: int):
    try:
        story = review_story(pk)
    except ScrutinyReview.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "scrutiny/review.html", {"review": story})
