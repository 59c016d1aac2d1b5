"""Deciding a grant: approve (alone, or first and second above the threshold,
the lifecycle's declared rule), ask or reject, with separation of duties.
Approvals lock the scheme's ledger row for the year, so two officers at once
cannot overspend; payment settles the application."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from portal.accounts.roles import ADMINISTRATORS, FINANCE_APPROVERS
from portal.core.dates import london_today
from portal.core.money import format_money, to_pence
from portal.core.separation import check_separation
from portal.core.transitions import transition

from ..eligibility import FUNDED, applicant_side, period_key
from ..models import (
    BudgetLedger,
    GrantApplication,
)
from .applications import Status, tell_applicant


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
        spent.filter(status__in=FUNDED).aggregate(t=Sum("amount_approved"))["t"] or 0
    )
    paid = (
        spent.filter(status=Status.PAID).aggregate(t=Sum("amount_approved"))["t"] or 0
    )
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
    others = GrantApplication.objects.filter(
        applicant_side(group=application.group, user=application.applicant),
        scheme=application.scheme,
        status__in=FUNDED,
    )
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
    if application.status == Status.AWAITING_SECOND:
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
        override_reason.strip() and actor.groups.filter(name=ADMINISTRATORS).exists()
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
        },
    )
    if application.status == Status.APPROVED:
        _approved(application, actor)
    return application


def _second_approval(application, actor) -> GrantApplication:
    if application.first_approver_id == actor.pk:
        raise PermissionDenied(_("A second, different person must approve this grant."))
    if not actor.groups.filter(name=FINANCE_APPROVERS).exists():
        raise PermissionDenied(_("The second approval is for a Finance approver."))
    transition(
        application,
        "second_approval",
        actor=actor,
        changes={"second_approver": actor},
    )
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
    tell_applicant(
        application,
        _("Your application to %(scheme)s is approved: %(amount)s.")
        % {
            "scheme": application.scheme.name,
            "amount": format_money(application.amount_approved),
        },
    )


# A reject or ask without a reason is refused by the move's `reason_required`
# (its message, under "reason"), not here.


@transaction.atomic
def application_reject(*, application, actor, reason: str) -> GrantApplication:
    _check_separation(application, actor)
    transition(
        application,
        "reject",
        actor=actor,
        reason=reason,
        changes={"decision_reason": reason},
    )
    tell_applicant(
        application,
        _("Your application to %(scheme)s was not approved: %(reason)s")
        % {"scheme": application.scheme.name, "reason": reason},
    )
    return application


@transaction.atomic
def application_ask(*, application, actor, question: str) -> GrantApplication:
    _check_separation(application, actor)
    transition(
        application,
        "ask",
        actor=actor,
        reason=question,
        changes={"decision_reason": question},
    )
    tell_applicant(
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
