"""The applicant's side of a grant application: start, save and come back,
submit, withdraw, add a document. Each change of status is a move of
`GrantApplication.lifecycle` through `transition()`, audited and told to the
applicant."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.files import private_file_store
from portal.core.money import format_money
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition
from portal.groups.selectors import is_officer

from ..eligibility import verdicts
from ..models import (
    GrantApplication,
    GrantFile,
    financial_year,
)
from ..selectors import may_act_for

Status = GrantApplication.Status


def tell_applicant(application, subject: str) -> None:
    notify(
        recipient=application.applicant,
        key=f"grant-{application.pk}-{application.status}",
        subject=subject,
        body=subject,
    )


@transaction.atomic
def application_start(*, scheme, applicant, group=None) -> GrantApplication:
    verdict = verdicts(user=applicant, group=group, schemes=[scheme])[0]
    if not verdict.can_apply:
        raise ValidationError([rule.reason for rule in verdict.unmet])
    if group is not None and not is_officer(applicant, group):
        raise PermissionDenied
    application = GrantApplication.objects.create(
        scheme=scheme,
        group=group,
        applicant=applicant,
        amount_requested=scheme.amount if scheme.fixed_amount else None,
    )
    audit_record(
        actor=applicant, action="grant.started", target=application, to_state="draft"
    )
    return application


@transaction.atomic
def application_save(*, application, actor, amount_requested, purpose, spending_plan):
    """Save and come back later: a draft (or an answer to a query) keeps everything."""
    if not may_act_for(actor, application):
        raise PermissionDenied
    ensure(application, "edit")
    scheme = application.scheme
    if amount_requested is not None and amount_requested > scheme.amount:
        raise ValidationError(
            {
                "amount_requested": _("The most you can ask for is %(max)s.")
                % {"max": format_money(scheme.amount)}
            }
        )
    application.amount_requested = (
        scheme.amount if scheme.fixed_amount else amount_requested
    )
    application.purpose = purpose
    application.spending_plan = spending_plan
    # Only this edit's fields: a copy read earlier never writes back its status.
    application.save(update_fields=["amount_requested", "purpose", "spending_plan"])
    return application


@transaction.atomic
def application_submit(*, application, actor) -> GrantApplication:
    if not may_act_for(actor, application):
        raise PermissionDenied
    missing = {}
    if not application.amount_requested:
        missing["amount_requested"] = _("Say how much you are asking for.")
    if not application.purpose.strip():
        missing["purpose"] = _("Say what the money is for.")
    if missing:
        raise ValidationError(missing)
    if application.status == Status.DRAFT:
        verdict = verdicts(
            user=actor, group=application.group, schemes=[application.scheme]
        )[0]
        if not verdict.can_apply:
            raise ValidationError([rule.reason for rule in verdict.unmet])
    # The form as it stands under the row lock is the form kept.
    locked = ensure(application, "submit")
    transition(
        application,
        "submit",
        actor=actor,
        changes={
            "year": locked.year or financial_year(london_today()),
            "submitted_at": timezone.now(),
            "answers": {
                "questions": [
                    {
                        "question": str(
                            GrantApplication._meta.get_field(name).verbose_name
                        ),
                        "answer": str(getattr(locked, name)),
                    }
                    for name in ["amount_requested", "purpose", "spending_plan"]
                ],
                "conditions": locked.scheme.conditions,
            },
        },
    )
    return application


@transaction.atomic
def application_withdraw(*, application, actor) -> GrantApplication:
    if not may_act_for(actor, application):
        raise PermissionDenied
    transition(application, "withdraw", actor=actor)
    return application


def store_file(application, actor, upload, content_type, *, kind, description=""):
    # Stored without an uploader: the file is the grant's record (money records
    # are kept), so closing the uploader's account does not delete it.
    stored = private_file_store(
        upload=upload, uploaded_by=None, content_type=content_type
    )
    return GrantFile.objects.create(
        application=application,
        kind=kind,
        description=description,
        file=stored,
        uploaded_by=actor,
    )


@transaction.atomic
def application_file_add(
    *, application, actor, upload, content_type: str, description: str = ""
) -> GrantFile:
    """An extra document sent with an application, beyond the group's locker."""
    if not may_act_for(actor, application):
        raise PermissionDenied
    ensure(application, "edit")
    grant_file = store_file(
        application,
        actor,
        upload,
        content_type,
        kind=GrantFile.Kind.SUPPORTING,
        description=description,
    )
    audit_record(
        actor=actor,
        action="grant.file_added",
        target=application,
        details={
            "file": str(grant_file.file_id),
            "name": grant_file.file.original_name,
        },
    )
    return grant_file
