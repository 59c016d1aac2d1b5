"""Grant services by subject: applications (the applicant's side), decisions
(approve, ask, reject, the ledger), reports, and the scoring panel."""

from .applications import (
    application_file_add,
    application_save,
    application_start,
    application_submit,
    application_withdraw,
)
from .decisions import (
    application_approve,
    application_ask,
    application_reject,
    grant_payment_settled,
    ledger,
)
from .panel import panel_declare, panel_membership_end, panel_score
from .reports import report_reminders_send, report_submit

__all__ = [
    "application_approve",
    "application_ask",
    "application_file_add",
    "application_reject",
    "application_save",
    "application_start",
    "application_submit",
    "application_withdraw",
    "grant_payment_settled",
    "ledger",
    "panel_declare",
    "panel_membership_end",
    "panel_score",
    "report_reminders_send",
    "report_submit",
]
