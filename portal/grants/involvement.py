"""Involvement source: applications the person read and judged on a residents'
grant panel. Declaring a conflict and stepping aside is taking part too; the
panel keeps no time spent, so no hours."""

from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    local_date,
    register_source,
    summary_columns,
)

from .models import PanelReview

KIND = _("Grant panel")


def _taken_part(user):
    """Reviews with a conflict declared or scores given (declaring no conflict
    and not scoring yet is not taking part yet)."""
    return PanelReview.objects.filter(member=user).filter(
        Q(conflict=True) | Q(scored_at__isnull=False)
    )


def summary(user):
    return [
        _taken_part(user).values(
            **summary_columns(
                date=TruncDate(Coalesce("scored_at", "declared_at")),
                kind=KIND,
                title="application__scheme__name",
            )
        )
    ]


@register_source("grant_panel", order=45, summary=summary)
def grant_panel_reviews(user):
    reviews = _taken_part(user).select_related("application__scheme")
    for review in reviews:
        if review.conflict:
            role = _("Declared a conflict of interest")
        else:
            role = _("Scored an application")
        yield Item(
            date=local_date(review.scored_at or review.declared_at),
            kind=KIND,
            title=review.application.scheme.name,
            role=role,
        )
