"""Grant applications from draft to paid. Every transition is legal only from the
right state, audited and told to the applicant; approvals lock the scheme's
ledger row for the year, so two officers at once cannot overspend."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import london_today
from portal.core.files import private_file_store
from portal.core.money import format_money, to_pence
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition
from portal.groups.selectors import is_officer

from .eligibility import FUNDED, applications_of, period_key, verdicts
from .models import (
    BudgetLedger,
    GrantApplication,
    GrantFile,
    PanelReview,
    financial_year,
)
from .selectors import is_own, is_panel_member
from .selectors import may_act_for as _may_act_for

State = GrantApplication.State


def _tell_applicant(application, subject: str) -> None:
    notify(
        recipient=application.applicant,
        key=f"grant-{application.pk}-{application.state}",
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
    if not _may_act_for(actor, application):
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
    # Only this edit's fields: a copy read earlier never writes back its state.
    application.save(update_fields=["amount_requested", "purpose", "spending_plan"])
    return application


@transaction.atomic
def application_submit(*, application, actor) -> GrantApplication:
    if not _may_act_for(actor, application):
        raise PermissionDenied
    missing = {}
    if not application.amount_requested:
        missing["amount_requested"] = _("Say how much you are asking for.")
    if not application.purpose.strip():
        missing["purpose"] = _("Say what the money is for.")
    if missing:
        raise ValidationError(missing)
    if application.state == State.DRAFT:
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
    if not _may_act_for(actor, application):
        raise PermissionDenied
    transition(application, "withdraw", actor=actor)
    return application


def _check_separation(application, actor) -> None:
    if not actor.has_perm("grants.decide_grant"):
        raise PermissionDenied(_("You do not have permission to decide grants."))
    check_separation(
        actor=actor,
        record=application,
        own_message=_("You cannot decide on your own application or your own group’s."),
    )


def ledger(scheme, year: int) -> dict:
    row, _created = BudgetLedger.objects.get_or_create(
        scheme=scheme, year=year, defaults={"budget": scheme.annual_budget}
    )
    spent = GrantApplication.objects.filter(scheme=scheme, year=year)
    committed = (
        spent.filter(state__in=FUNDED).aggregate(t=Sum("amount_approved"))["t"] or 0
    )
    paid = spent.filter(state=State.PAID).aggregate(t=Sum("amount_approved"))["t"] or 0
    # Sums come back from SQLite as long decimals ("1179.37000000000"): pence.
    committed, paid = to_pence(committed), to_pence(paid)
    return {
        "row": row,
        "budget": to_pence(row.budget),
        "committed": committed,
        "paid": paid,
        "remaining": to_pence(row.budget) - committed,
    }


def _refuse_second_in_period(application) -> None:
    """Once a year / once ever, enforced where the money is decided: the applicant
    side's row is locked first, so two approvals at once for the same group and
    period are serialised and the second sees the first."""
    from django.contrib.auth import get_user_model

    from portal.groups.models import Group

    if application.group_id:
        Group.objects.select_for_update().get(pk=application.group_id)
    else:
        get_user_model().objects.select_for_update().get(pk=application.applicant_id)
    key = period_key(application.scheme, application.year)
    others = applications_of(
        group=application.group, user=application.applicant
    ).filter(scheme=application.scheme, state__in=FUNDED)
    if key[1] is not None:
        others = others.filter(year=application.year)
    if others.exclude(pk=application.pk).exists():
        raise ValidationError(
            _(
                "This grant has already been approved for this applicant in the "
                "same period, so a second one cannot be approved. Reject or ask "
                "about this application instead."
            )
        )


@transaction.atomic
def application_approve(
    *, application, actor, amount: Decimal, reason: str = "", override_reason: str = ""
) -> GrantApplication:
    application = GrantApplication.objects.select_for_update().get(pk=application.pk)
    _check_separation(application, actor)
    if application.state == State.AWAITING_SECOND:
        return _second_approval(application, actor)
    if amount <= 0 or amount > (application.amount_requested or 0):
        raise ValidationError(
            {
                "amount": _("Approve between %(least)s and the %(asked)s asked for.")
                % {
                    "least": format_money(Decimal("0.01")),
                    "asked": format_money(application.amount_requested or 0),
                }
            }
        )
    if amount < application.amount_requested and not reason.strip():
        raise ValidationError(
            {"reason": _("Say why you are approving less than asked.")}
        )
    # Lock the year's ledger row: a second approver waits here until we commit.
    BudgetLedger.objects.get_or_create(
        scheme=application.scheme,
        year=application.year,
        defaults={"budget": application.scheme.annual_budget},
    )
    BudgetLedger.objects.select_for_update().get(
        scheme=application.scheme, year=application.year
    )
    _refuse_second_in_period(application)
    money = ledger(application.scheme, application.year)
    overriding = (
        override_reason.strip() and actor.groups.filter(name="Administrators").exists()
    )
    if amount > money["remaining"] and not overriding:
        raise ValidationError(
            _(
                "This would overspend the budget: %(left)s is left this year. "
                "Only an Administrator can approve it, with a reason."
            )
            % {"left": format_money(money["remaining"])}
        )
    # Approved alone, or a first approval waiting for a second: the lifecycle's
    # declared rule (`needs_second_approval`) picks the move.
    transition(
        application,
        ("approve", "first_approval"),
        actor=actor,
        reason=override_reason or reason,
        changes={
            "amount_approved": amount,
            "first_approver": actor,
            "decision_reason": reason,
            "decided_at": timezone.now(),
        },
    )
    if application.state == State.APPROVED:
        _approved(application, actor)
    return application


def _second_approval(application, actor) -> GrantApplication:
    if application.first_approver_id == actor.pk:
        raise PermissionDenied(_("A second, different person must approve this grant."))
    if not actor.groups.filter(name="Finance approvers").exists():
        raise PermissionDenied(_("The second approval is for a Finance approver."))
    transition(application, "second_approval", actor=actor)
    _approved(application, actor)
    return application


def _approved(application, actor) -> None:
    from portal.payments.services import payment_due

    payee = (
        {"payee_group": application.group}
        if application.group_id
        else {"payee_user": application.applicant}
    )
    payment_due(
        source=application,
        amount=application.amount_approved,
        reference=f"GRANT-{application.pk}",
        actor=actor,
        **payee,
    )
    _tell_applicant(
        application,
        _("Your application to %(scheme)s is approved: %(amount)s.")
        % {
            "scheme": application.scheme.name,
            "amount": format_money(application.amount_approved),
        },
    )


@transaction.atomic
def application_reject(*, application, actor, reason: str) -> GrantApplication:
    _check_separation(application, actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is not approved.")})
    transition(
        application,
        "reject",
        actor=actor,
        reason=reason,
        changes={"decision_reason": reason, "decided_at": timezone.now()},
    )
    _tell_applicant(
        application,
        _("Your application to %(scheme)s was not approved: %(reason)s")
        % {"scheme": application.scheme.name, "reason": reason},
    )
    return application


@transaction.atomic
def application_ask(*, application, actor, question: str) -> GrantApplication:
    _check_separation(application, actor)
    if not question.strip():
        raise ValidationError({"reason": _("Say what you need to know.")})
    transition(
        application,
        "ask",
        actor=actor,
        reason=question,
        changes={"decision_reason": question},
    )
    _tell_applicant(
        application,
        _("We need more information about your application to %(scheme)s: %(question)s")
        % {"scheme": application.scheme.name, "question": question},
    )
    return application


def grant_payment_settled(*, application, payment, actor) -> None:
    if payment.status != "paid":
        return
    transition(
        application,
        "pay",
        actor=actor,
        changes={
            "report_due_on": london_today()
            + datetime.timedelta(days=application.scheme.report_due_days)
        },
    )


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
    if not _may_act_for(actor, application):
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
            _file_store(application, actor, upload, content_type, kind=kind)
    audit_record(
        actor=actor,
        action="grant.report_received",
        target=application,
        details={"receipts": len(receipts), "photos": len(photos)},
    )
    return application


def _file_store(application, actor, upload, content_type, *, kind, description=""):
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
    if not _may_act_for(actor, application):
        raise PermissionDenied
    ensure(application, "edit")
    grant_file = _file_store(
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


def _check_panel_member(application, member) -> None:
    """A member of the scheme's panel, not judging their own, while the
    application is still open to scoring (the lifecycle's `score` edit: the row
    is locked, so a decision made meanwhile refuses a stale copy)."""
    if not is_panel_member(member, application.scheme):
        raise PermissionDenied(_("You are not on this scheme’s panel."))
    if is_own(member, application):
        raise PermissionDenied(
            _("You cannot score an application from yourself or your own group.")
        )
    ensure(application, "score")


@transaction.atomic
def panel_declare(
    *, application, member, conflict: bool, reason: str = ""
) -> PanelReview:
    """A panel member's conflict-of-interest declaration, made once, before they
    may read or score the application. A conflict means they do not score it."""
    _check_panel_member(application, member)
    if conflict and not reason.strip():
        raise ValidationError(
            {"conflict_reason": _("Say what the conflict of interest is.")}
        )
    if PanelReview.objects.filter(application=application, member=member).exists():
        raise ValidationError(_("You have already made your declaration for this."))
    review = PanelReview.objects.create(
        application=application,
        member=member,
        conflict=conflict,
        conflict_reason=reason.strip() if conflict else "",
    )
    audit_record(
        actor=member,
        action="grant.panel_declared",
        target=application,
        to_state="conflict" if conflict else "no_conflict",
        reason=review.conflict_reason,
    )
    return review


SCORE_RANGE = range(1, 6)


@transaction.atomic
def panel_score(
    *, application, member, scores: list[int | None], comment: str
) -> PanelReview:
    """Score each of the scheme's criteria from 1 to 5, with a comment. A member
    may change their scores until the application is decided."""
    _check_panel_member(application, member)
    review = (
        PanelReview.objects.select_for_update()
        .filter(application=application, member=member)
        .first()
    )
    if review is None:
        raise ValidationError(_("Declare any conflict of interest before you score."))
    if review.conflict:
        raise PermissionDenied(
            _("You declared a conflict of interest, so you cannot score this one.")
        )
    criteria = application.scheme.criteria
    errors = {
        f"score_{n}": _("Give a score from 1 to 5 for ‘%(criterion)s’.")
        % {"criterion": criterion}
        for n, criterion in enumerate(criteria)
        if n >= len(scores) or scores[n] not in SCORE_RANGE
    }
    if not comment.strip():
        errors["comment"] = _("Add a comment to explain your scores.")
    if errors:
        raise ValidationError(errors)
    review.scores = [
        {"criterion": criterion, "score": scores[n]}
        for n, criterion in enumerate(criteria)
    ]
    review.comment = comment.strip()
    review.scored_at = timezone.now()
    review.save()
    audit_record(
        actor=member,
        action="grant.panel_scored",
        target=application,
        details={"scores": review.scores, "total": review.total},
    )
    return review


REPORT_REMINDER_DAYS = (30, 7, 0)


def report_reminders_send(*, today=None) -> int:
    """Remind applicants 30 and 7 days before their report is due, and on the day.
    Each reminder goes once (`manage.py send_grant_report_reminders`, daily)."""
    today = today or london_today()
    sent = 0
    due = GrantApplication.objects.filter(
        state=State.PAID, report_received_on__isnull=True, report_due_on__isnull=False
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


def panel_membership_end(*, user, holding, rows) -> None:
    """On closing an account: the person leaves every grant panel."""
    for scheme in rows:
        scheme.panel_members.remove(user)
