"""Involvement source: applications the person read and judged on a residents'
grant panel. Declaring a conflict and stepping aside is taking part too; the
panel keeps no time spent, so no hours."""

from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, local_date, register_source

from .models import PanelReview


@register_source("grant_panel", order=45)
def grant_panel_reviews(user):
    reviews = PanelReview.objects.filter(member=user).select_related(
        "application__scheme"
    )
    for review in reviews:
        if review.conflict:
            role = _("Declared a conflict of interest")
        elif review.scored_at is None:
            continue  # declared no conflict but has not scored yet
        else:
            role = _("Scored an application")
        yield Item(
            date=local_date(review.scored_at or review.declared_at),
            kind=_("Grant panel"),
            title=review.application.scheme.name,
            role=role,
        )
