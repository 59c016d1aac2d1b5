"""Involvement source: consultations the person answered (sent responses)."""

from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, local_date, register_source

from .models import Response


@register_source("consultations", order=20)
def consultations_answered(user):
    rows = Response.objects.filter(respondent=user, submitted=True).select_related(
        "consultation"
    )
    for row in rows:
        yield Item(
            date=local_date(row.updated_at),
            kind=_("Consultation answered"),
            title=row.consultation.title,
            page=row.consultation,
        )
