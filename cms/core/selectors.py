"""Reads about pages that several apps share."""

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction


def public_pages(pages: QuerySet) -> QuerySet:
    """`pages` without those in a private section (a page with a view
    restriction, and everything below it): Wagtail's `.public()` as a subquery,
    so it adds no query of its own (`.public()` reads every restriction first)."""
    restricted_above = PageViewRestriction.objects.annotate(
        prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("prefix"))
    return pages.exclude(Exists(restricted_above))
