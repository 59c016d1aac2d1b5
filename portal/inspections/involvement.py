"""Involvement source: estate inspections the person led, and the estates they
signed up to inspect. An inspection has no recorded length, so no hours."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.involvement import Item, local_date, register_source

from .models import Inspection, Inspector


@register_source("inspections", order=50)
def inspections(user):
    led = Inspection.objects.filter(
        lead=user, status=Inspection.Status.SUBMITTED
    ).select_related("estate")
    for inspection in led:
        yield Item(
            date=inspection.held_on,
            kind=_("Estate inspection"),
            title=str(inspection.estate),
            role=_("Inspector"),
            url=reverse("estate_inspections:results", args=[inspection.estate_id]),
        )
    for role in Inspector.objects.filter(person=user).select_related("estate"):
        yield Item(
            date=local_date(role.joined_at),
            kind=_("Resident inspector"),
            title=str(role.estate),
            role=_("Signed up to inspect"),
        )
