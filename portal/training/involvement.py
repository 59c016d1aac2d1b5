"""Involvement source: training sessions the person attended (staff recorded
it), with the session's length as hours."""

import datetime
from decimal import Decimal

from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    duration_hours,
    hours_from_spans,
    local_date,
    register_source,
    summary_columns,
)

from .models import SignUp

KIND = _("Training")


def _attended():
    return SignUp.objects.filter(status=SignUp.Status.ATTENDED)


def training_hours(start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Everyone's training hours between two London dates (one query)."""
    rows = (
        _attended()
        .filter(session__starts_at__date__gte=start, session__starts_at__date__lte=end)
        .values_list("person_id", "session__starts_at", "session__ends_at")
    )
    return hours_from_spans(rows)


def summary(user):
    return [
        _attended()
        .filter(person=user)
        .values(
            **summary_columns(
                date=TruncDate("session__starts_at"),
                kind=KIND,
                title="session__course__title",
                began="session__starts_at",
                ended="session__ends_at",
            )
        )
    ]


@register_source("training", order=45, hours=training_hours, summary=summary)
def training_attended(user):
    rows = _attended().filter(person=user).select_related("session__course")
    for row in rows:
        session = row.session
        yield Item(
            date=local_date(session.starts_at),
            kind=KIND,
            title=session.course.title,
            role=session.course.provider,
            hours=duration_hours(session.starts_at, session.ends_at),
            url=reverse("training:index"),
        )
