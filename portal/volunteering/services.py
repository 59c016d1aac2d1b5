"""Writes for volunteering: log hours, confirm or refuse them, issue vouchers.

Every decision is audited and the resident is told. Nobody confirms their own
hours or issues a voucher to themselves (or their household); whoever confirmed
some of a person's hours that year cannot also give them the voucher.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.core.dates import london_today
from portal.core.involvement import (
    financial_year,
    financial_year_bounds,
    financial_year_label,
    hours_in_year,
)
from portal.core.money import format_money
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from .models import MAX_HOURS, MIN_HOURS, LoggedHours, ThankYouRule, Voucher

ISSUE_PERM = "volunteering.issue_voucher"


def hours_log(
    *, person, done_on, activity: str, hours: Decimal, description: str = ""
) -> LoggedHours:
    """A resident logs time they gave; staff confirm it before it counts."""
    errors = {}
    if done_on > london_today():
        errors["done_on"] = _("The date must be today or in the past.")
    if not (MIN_HOURS <= hours <= MAX_HOURS):
        errors["hours"] = _("Hours must be between 0.25 and 24.")
    if hours % Decimal("0.25"):
        errors["hours"] = _("Give hours in quarter hours, for example 1.5 or 2.25.")
    if not activity.strip():
        errors["activity"] = _("Say what the activity was.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        logged = LoggedHours.objects.create(
            person=person,
            done_on=done_on,
            activity=activity.strip(),
            hours=hours,
            description=description.strip(),
        )
        audit_record(actor=person, action="volunteering.hours_logged", target=logged)
    return logged


def hours_decide(*, logged: LoggedHours, actor, confirm: bool, reason: str = ""):
    """Confirm or refuse logged hours (never one's own); the resident is told."""
    check_separation(
        actor=actor,
        record=logged,
        own_message=_("Nobody may confirm their own volunteer hours."),
    )
    with transaction.atomic():
        logged = transition(
            logged,
            "confirm" if confirm else "refuse",
            actor=actor,
            reason=reason,
            changes={
                "decided_by": actor,
                "decided_at": timezone.now(),
                "decision_reason": reason,
            },
        )
        values = {
            "hours": f"{logged.hours.normalize():f}",
            "activity": logged.activity,
        }
        if confirm:
            subject = _lazy("Your volunteer hours are confirmed")

            def body():
                return (
                    _(
                        "Thank you: %(hours)s hours for “%(activity)s” are now on "
                        "your involvement record."
                    )
                    % values
                )
        else:
            subject = _lazy("We could not confirm your volunteer hours")

            def body():
                return (
                    _("We could not confirm %(hours)s hours for “%(activity)s”: ")
                    % values
                ) + reason

        notify(
            recipient=logged.person,
            key=f"volunteering-hours-{logged.pk}",
            subject=subject,
            body=body,
        )
    return logged


def voucher_issue(*, person, rule: ThankYouRule, year: int, reference: str, actor):
    """Give `person` the voucher `rule` earns for the financial year `year`:
    once only (a row lock on the person serialises two issuers; the unique
    constraint is the last word), audited, the resident told."""
    reference = reference.strip()
    if not actor.has_perm(ISSUE_PERM):
        raise PermissionDenied(_("You do not have permission to do this."))
    if not reference:
        raise ValidationError({"reference": _("Enter the voucher's reference.")})
    check_separation(
        actor=actor,
        record=Voucher(person=person, rule=rule, year=year),
        own_message=_("Nobody may issue their own thank-you voucher."),
    )
    start, end = financial_year_bounds(year)
    if LoggedHours.objects.filter(
        person=person, decided_by=actor, done_on__gte=start, done_on__lte=end
    ).exists():
        raise PermissionDenied(
            _(
                "You confirmed some of these hours, so someone else must issue "
                "the voucher."
            )
        )
    try:
        with transaction.atomic():
            get_user_model().objects.select_for_update().get(pk=person.pk)
            if Voucher.objects.filter(person=person, rule=rule, year=year).exists():
                raise ValidationError(
                    _("This voucher has already been issued for %(year)s.")
                    % {"year": financial_year_label(year)}
                )
            if Voucher.objects.filter(reference=reference).exists():
                raise ValidationError(
                    {"reference": _("That reference is already used.")}
                )
            hours = hours_in_year(person, year)
            if hours < rule.hours_needed:
                raise ValidationError(
                    _("%(hours)s hours so far: %(needed)s are needed.")
                    % {
                        "hours": f"{hours.normalize():f}",
                        "needed": f"{rule.hours_needed.normalize():f}",
                    }
                )
            voucher = Voucher.objects.create(
                person=person,
                rule=rule,
                year=year,
                amount=rule.amount,
                hours_at_issue=hours,
                reference=reference,
                issued_by=actor,
            )
            audit_record(
                actor=actor,
                action="volunteering.voucher_issued",
                target=voucher,
                details={
                    "amount": str(rule.amount),
                    "year": year,
                    "hours": str(hours),
                },
            )
            amount = format_money(rule.amount)
            notify(
                recipient=person,
                key=f"volunteering-voucher-{voucher.pk}",
                subject=_lazy("A thank-you voucher for you"),
                body=lambda: (
                    _(
                        "Thank you for the %(hours)s hours you gave this year. We are "
                        "sending you a %(amount)s voucher (reference %(reference)s)."
                    )
                    % {
                        "hours": f"{hours.normalize():f}",
                        "amount": amount,
                        "reference": reference,
                    }
                ),
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This voucher has already been issued for %(year)s.")
            % {"year": financial_year_label(year)}
        ) from error
    return voucher


def current_year() -> int:
    return financial_year(london_today())
