"""Involvement source: estate inspections the person led, and the estates they
signed up to inspect. An inspection counts the hours its estate's schedule
says a walk takes (`EstateSchedule.inspection_hours`), when staff set it."""

import datetime
from decimal import Decimal

from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import (
    Item,
    local_date,
    register_source,
    summary_columns,
)

from .models import Inspection, Inspector

HOURS = "estate__inspection_schedule__inspection_hours"
LED = _("Estate inspection")
SIGNED_UP = _("Resident inspector")


def _sent():
    return Inspection.objects.filter(status=Inspection.Status.SUBMITTED)


def inspection_hours(start: datetime.date, end: datetime.date) -> dict[int, Decimal]:
    """Everyone's inspection hours between two dates (one query)."""
    rows = (
        _sent()
        .filter(
            held_on__gte=start,
            held_on__lte=end,
            lead__isnull=False,
            **{f"{HOURS}__isnull": False},
        )
        .values_list("lead_id", HOURS)
    )
    totals: dict[int, Decimal] = {}
    for person_id, hours in rows:
        totals[person_id] = totals.get(person_id, Decimal("0")) + hours
    return totals


def summary(user):
    return [
        _sent()
        .filter(lead=user)
        .values(
            **summary_columns(
                date="held_on", kind=LED, title="estate__name", hours=HOURS
            )
        ),
        Inspector.objects.filter(person=user).values(
            **summary_columns(
                date=TruncDate("joined_at"), kind=SIGNED_UP, title="estate__name"
            )
        ),
    ]


@register_source("inspections", order=50, hours=inspection_hours, summary=summary)
def inspections(user):
    led = _sent().filter(lead=user).select_related("estate__inspection_schedule")
    for inspection in led:
        schedule = getattr(inspection.estate, "inspection_schedule", None)
        yield Item(
            date=inspection.held_on,
            kind=LED,
            title=str(inspection.estate),
            role=_("Inspector"),
            hours=schedule.inspection_hours if schedule else None,
            url=reverse("estate_inspections:results", args=[inspection.estate_id]),
        )
    for role in Inspector.objects.filter(person=user).select_related("estate"):
        yield Item(
            date=local_date(role.joined_at),
            kind=SIGNED_UP,
            title=str(role.estate),
            role=_("Signed up to inspect"),
        )
