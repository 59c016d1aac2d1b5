"""Involvement source: consultations the person answered (sent responses)."""

from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    local_date,
    register_source,
    summary_columns,
)

from .models import Response

KIND = _("Consultation answered")


def _sent(user):
    return Response.objects.filter(respondent=user, submitted=True)


def summary(user):
    return [
        _sent(user).values(
            **summary_columns(
                date=TruncDate("updated_at"), kind=KIND, title="consultation__title"
            )
        )
    ]


@register_source("consultations", order=20, summary=summary)
def consultations_answered(user):
    rows = _sent(user).select_related("consultation")
    for row in rows:
        yield Item(
            date=local_date(row.updated_at),
            kind=KIND,
            title=row.consultation.title,
            page=row.consultation,
        )
