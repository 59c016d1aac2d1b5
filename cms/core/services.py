"""Writes for the pieces every page shares: requests for another format."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.core.dates import add_working_days, london_today
from portal.core.paths import same_site_path
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from .models import FormatRequest


def format_request_due_on():
    """The promised date: today plus the set number of working days."""
    return add_working_days(
        london_today(), settings.INVOLVE_FORMAT_REQUEST_WORKING_DAYS
    )


@transaction.atomic
def format_request_make(*, user, page=None, **details) -> FormatRequest:
    """Record a request for another format and tell a signed-in person by their
    chosen channels when to expect it (everyone sees the date on screen)."""
    if "page_url" in details:  # only ever a path on this site
        details["page_url"] = same_site_path(details["page_url"])
    request = FormatRequest.objects.create(
        page=page,
        requested_by=user if user is not None and user.is_authenticated else None,
        due_on=format_request_due_on(),
        **details,
    )
    audit_record(
        actor=user,
        action="format_request.made",
        target=request,
        to_state=FormatRequest.Status.OPEN,
    )
    if request.requested_by:
        notify(
            recipient=request.requested_by,
            key=f"format-request-{request.pk}",
            subject=_("We have your request for another format"),
            body=_(
                "You asked for “%(title)s” as %(format)s. We will send it by %(date)s."
            )
            % {
                "title": request.page_title,
                "format": request.get_format_display().lower(),
                "date": date_format(request.due_on, "l j F Y"),
            },
        )
    return request


@transaction.atomic
def format_request_mark_sent(*, request: FormatRequest, actor) -> FormatRequest:
    """Staff have sent it. Only an open request can be marked sent (once)."""
    request = transition(
        request,
        "send",
        actor=actor,
        changes={"sent_at": timezone.now(), "sent_by": actor},
    )
    if request.requested_by:
        notify(
            recipient=request.requested_by,
            key=f"format-request-{request.pk}-sent",
            subject=_("Your copy in another format is on its way"),
            body=_("We have sent “%(title)s” as %(format)s %(delivery)s.")
            % {
                "title": request.page_title,
                "format": request.get_format_display().lower(),
                "delivery": request.get_delivery_display().lower(),
            },
        )
    return request
