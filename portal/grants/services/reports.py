"""The end-of-grant report and the reminders before it is due."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure

from ..models import (
    GrantApplication,
    GrantFile,
)
from ..selectors import may_act_for
from .applications import Status, store_file


def _report_not_received(locked) -> None:
    if locked.report_received_on:
        raise ValidationError(_("We already have the report for this grant."))


@transaction.atomic
def report_submit(
    *,
    application,
    actor,
    summary: str,
    spent: Decimal,
    receipts: list = (),
    photos: list = (),
) -> GrantApplication:
    """The end-of-grant report: what was done and what was spent, with the
    receipts (and any photos) as (upload, checked content type) pairs. Until it
    comes, an overdue report stops the group applying again."""
    if not may_act_for(actor, application):
        raise PermissionDenied
    ensure(application, "report", check=_report_not_received)
    errors = {}
    if not summary.strip():
        errors["summary"] = _("Say what the grant paid for.")
    if spent and not receipts:
        errors["receipts"] = _("Upload the receipts for what you spent.")
    if errors:
        raise ValidationError(errors)
    application.report_summary = summary
    application.report_spent = spent
    application.report_received_on = london_today()
    application.save(
        update_fields=["report_summary", "report_spent", "report_received_on"]
    )
    for kind, uploads in (
        (GrantFile.Kind.RECEIPT, receipts),
        (GrantFile.Kind.PHOTO, photos),
    ):
        for upload, content_type in uploads:
            store_file(application, actor, upload, content_type, kind=kind)
    audit_record(
        actor=actor,
        action="grant.report_received",
        target=application,
        details={"receipts": len(receipts), "photos": len(photos)},
    )
    return application


REPORT_REMINDER_DAYS = (30, 7, 0)


def report_reminders_send(*, today=None) -> int:
    """Remind applicants 30 and 7 days before their report is due, and on the day.
    Each reminder goes once (`manage.py send_grant_report_reminders`, daily)."""
    today = today or london_today()
    sent = 0
    due = GrantApplication.objects.filter(
        status=Status.PAID, report_received_on__isnull=True, report_due_on__isnull=False
    ).select_related("scheme", "applicant")
    for application in due:
        days_left = (application.report_due_on - today).days
        step = next((d for d in REPORT_REMINDER_DAYS if days_left <= d), None)
        if step is None:
            continue
        subject = _("Your end-of-grant report for %(scheme)s is due on %(date)s") % {
            "scheme": application.scheme.name,
            "date": application.report_due_on.strftime("%-d %B %Y"),
        }
        sent += len(
            notify(
                recipient=application.applicant,
                key=f"grant-{application.pk}-report-{step}",
                subject=subject,
                body=subject,
            )
        )
    return sent
