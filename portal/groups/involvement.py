"""Involvement source: offices the person holds or held in a group."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.dates import london_today
from portal.core.involvement import Item, register_source, summary_columns

from .models import Officer

KIND = _("Group officer")


def summary(user):
    return [
        Officer.objects.filter(user=user).values(
            **summary_columns(date="elected_on", kind=KIND, title="group__name")
        )
    ]


@register_source("groups", order=30, summary=summary)
def group_offices(user):
    today = london_today()
    for office in Officer.objects.filter(user=user).select_related("group"):
        current = office.term_ends is None or office.term_ends >= today
        yield Item(
            date=office.elected_on,
            kind=KIND,
            title=office.group.name,
            role=office.get_role_display(),
            url=reverse("groups:overview", args=[office.group_id]) if current else "",
        )
