"""Money out, safely: only checked bank details, never twice, every step audited.

Grants and expenses call `payment_due` when money is approved; finance staff make
a run (a locked batch and the bank's file) and mark each payment paid or failed.
The thing paid for hears back through its `payment_settled` method, inside the
same transaction.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import add_working_days, london_today
from portal.core.exports import ascii_digits, bank_digits, bank_file, bank_text
from portal.core.money import format_money
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition

from .models import BankDetails, Payment, PaymentRun
from .selectors import current_details_by_payee, payment_ready

BANK_SAFE = str.maketrans(dict.fromkeys("\"',;&<>", " "))
ASCII_DIGITS = "0123456789"


def _settle(payment: Payment, actor) -> None:
    hook = getattr(payment.source, "payment_settled", None)
    if hook is not None:
        hook(payment=payment, actor=actor)


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


@transaction.atomic
def payment_due(
    *,
    source,
    amount: Decimal,
    reference: str,
    payee_user=None,
    payee_group=None,
    payee_name: str = "",
    method: str = Payment.Method.BANK,
    actor,
) -> Payment:
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("A payment must be more than nothing."))
    if (payee_user is None) == (payee_group is None):
        raise ValidationError(_("A payment goes to one person or one group."))
    payee = payee_user or payee_group
    payment = Payment.objects.create(
        source=source,
        amount=amount.quantize(Decimal("0.01")),
        reference=reference.translate(BANK_SAFE)[:18],
        payee_user=payee_user,
        payee_group=payee_group,
        payee_name=payee_name
        or getattr(payee, "get_full_name", lambda: "")()
        or str(payee),
        method=method,
    )
    audit_record(actor=actor, action="payment.due", target=payment, to_state="due")
    return payment


def _not_for_themselves(actor):
    """The `check` every payment decision runs on the locked row: nobody settles
    a payment to themselves, their household or their group."""
    return lambda locked: check_separation(actor=actor, record=locked)


def payment_cancel(*, payment: Payment, actor, reason: str) -> Payment:
    return transition(
        payment,
        "cancel",
        actor=actor,
        reason=reason,
        check=_not_for_themselves(actor),
        changes={"note": reason},
    )


@transaction.atomic
def payment_run_create(*, actor, source_model=None) -> PaymentRun:
    """Batch every ready bank payment. Rows are locked, so two people making runs
    at the same moment never put one payment in both."""
    _require(actor, "payments.make_payment_run")
    due = Payment.objects.select_for_update().filter(
        status=Payment.Status.DUE, method=Payment.Method.BANK
    )
    if source_model is not None:
        due = due.filter(source_type__model=source_model._meta.model_name)
    due = list(due.order_by("created_at"))
    details = current_details_by_payee(due)
    ready = [p for p in due if payment_ready(p, details)[0]]
    if not ready:
        raise ValidationError(
            _("No payments are ready: they wait for checked bank details.")
        )
    now = timezone.now()
    run = PaymentRun.objects.create(
        reference=f"RUN-{now:%Y%m%d-%H%M%S}-{PaymentRun.objects.count() + 1}",
        created_by=actor,
        total=sum(p.amount for p in ready),
        count=len(ready),
    )
    for payment in ready:
        transition(
            payment,
            "send",
            actor=actor,
            changes={"run": run},
            details={"run": run.reference},
        )
    audit_record(
        actor=actor,
        action="payment_run.created",
        target=run,
        to_state="open",
        details={"count": run.count, "total": str(run.total)},
    )
    return run


def payment_run_csv(run: PaymentRun, *, actor=None) -> str:
    """The bank's bulk-payment file: sort code, account, name, amount, reference."""
    payments = run.payments.select_related("payee_user", "payee_group").order_by("pk")
    details = current_details_by_payee(payments)

    def rows():
        yield ["sort_code", "account_number", "account_name", "amount", "reference"]
        for payment in payments:
            bank = details[(payment.payee_user_id, payment.payee_group_id)]
            yield [
                bank_digits(bank.sort_code, length=6),
                bank_digits(bank.account_number, length=8),
                bank_text(bank.account_name),
                f"{payment.amount:.2f}",
                bank_text(payment.reference),
            ]

    text = bank_file(rows())
    if actor is not None:
        audit_record(actor=actor, action="payment_run.exported", target=run)
    return text


def _close_run_if_settled(run: PaymentRun | None, actor) -> None:
    """Close the run once none of its payments waits for the bank. The run's row
    is locked before counting, so when two of its last payments are settled at
    once the second waits for the first and sees it settled: the run closes."""
    if run is None:
        return
    run = ensure(run, "close", actor=actor)
    if not run.payments.filter(status=Payment.Status.IN_RUN).exists():
        transition(run, "close", actor=actor, details={"count": run.count})


@transaction.atomic
def payment_mark_paid(*, payment: Payment, actor) -> Payment:
    payment = transition(
        payment,
        "pay",
        actor=actor,
        check=_not_for_themselves(actor),
        changes={"paid_at": timezone.now()},
    )
    _settle(payment, actor)
    _close_run_if_settled(payment.run, actor)
    _tell_payee(payment, _("We have paid you %(amount)s (reference %(reference)s)."))
    return payment


@transaction.atomic
def payment_mark_failed(*, payment: Payment, actor, reason: str) -> Payment:
    payment = transition(
        payment,
        "fail",
        actor=actor,
        reason=reason,
        check=_not_for_themselves(actor),
        changes={"failure_reason": reason},
    )
    _settle(payment, actor)
    _close_run_if_settled(payment.run, actor)
    _tell_payee(
        payment,
        _(
            "We could not pay %(amount)s into your account (reference "
            "%(reference)s). We will contact you to put it right."
        ),
    )
    return payment


@transaction.atomic
def payment_record_other_way(
    *, payment: Payment, actor, method: str, note: str
) -> Payment:
    """For people without a bank account: paid at the cash office, by voucher or
    cheque, outside a run."""
    if method not in {
        Payment.Method.CASH_OFFICE,
        Payment.Method.VOUCHER,
        Payment.Method.CHEQUE,
    }:
        raise ValidationError(_("Choose the cash office, a voucher or a cheque."))
    payment = transition(
        payment,
        "pay_other_way",
        actor=actor,
        reason=note,
        check=_not_for_themselves(actor),
        changes={"method": method, "note": note, "paid_at": timezone.now()},
        details={"method": method},
    )
    _settle(payment, actor)
    _tell_payee(payment, _("We have paid you %(amount)s (reference %(reference)s)."))
    return payment


def _tell_payee(payment: Payment, message: str) -> None:
    text = message % {
        "amount": format_money(payment.amount),
        "reference": payment.reference,
    }
    people = [payment.payee_user] if payment.payee_user else _group_officers(payment)
    for person in people:
        notify(
            recipient=person,
            key=f"payment-{payment.pk}-{payment.status}",
            subject=text,
            body=text,
        )


def _group_officers(payment: Payment) -> list:
    return [
        officer.user for officer in payment.payee_group.officers.select_related("user")
    ]


@transaction.atomic
def bank_details_submit(
    *,
    owner_user=None,
    owner_group=None,
    account_name: str,
    sort_code: str,
    account_number: str,
    actor,
) -> BankDetails:
    """New details replace the old only once checked; until then payments wait."""
    # Digits in any script become ASCII; anything else is dropped (the model's
    # validators then refuse a wrong length).
    sort_code = "".join(ch for ch in ascii_digits(sort_code) if ch in ASCII_DIGITS)
    account_number = "".join(
        ch for ch in ascii_digits(account_number) if ch in ASCII_DIGITS
    )
    for previous in BankDetails.objects.filter(
        Q(user=owner_user) if owner_user else Q(group=owner_group),
        status__in=BankDetails.lifecycle["replace"].sources_set,
    ):
        transition(previous, "replace", actor=actor)
    details = BankDetails(
        user=owner_user,
        group=owner_group,
        account_name=account_name.strip(),
        sort_code=sort_code,
        account_number=account_number,
        submitted_by=actor,
    )
    details.full_clean()
    details.save()
    audit_record(
        actor=actor, action="bank_details.submitted", target=details, to_state="pending"
    )
    owners = (
        [owner_user] if owner_user else [o.user for o in owner_group.officers.all()]
    )
    for person in owners:
        notify(
            recipient=person,
            key=f"bank-details-{details.pk}-submitted",
            subject=_("Your bank details have changed"),
            body=_(
                "New bank details ending %(last4)s were given to us. We will check "
                "them before paying into them. If this was not you, phone us now."
            )
            % {"last4": details.last_four},
        )
    return details


def _not_their_own_details(actor):
    """Checked on the locked row: someone else checks details a person gave for
    themselves, their household or their group."""
    return lambda locked: check_separation(
        actor=actor,
        record=locked,
        own_message=_("Someone else must check bank details you gave."),
    )


def bank_details_verify(*, details: BankDetails, actor) -> BankDetails:
    """Checked details are paid into once the cooling-off period has passed."""
    return transition(
        details,
        "verify",
        actor=actor,
        check=_not_their_own_details(actor),
        changes={
            "decided_by": actor,
            "decided_at": timezone.now(),
            "payments_held_until": add_working_days(
                london_today(), settings.INVOLVE_BANK_DETAILS_COOLING_OFF_DAYS
            ),
        },
    )


def bank_details_reject(*, details: BankDetails, actor, reason: str) -> BankDetails:
    return transition(
        details,
        "reject",
        actor=actor,
        reason=reason,
        check=_not_their_own_details(actor),
        changes={
            "decision_reason": reason,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )


def bank_details_release(*, user, holding, rows) -> None:
    """On closing an account: bank details no payment used are deleted now; those
    behind a payment are kept for the statutory period (then
    `purge_personal_data` blanks them)."""
    if not Payment.objects.filter(payee_user=user).exists():
        rows.delete()
        return
    rows.exclude(
        status__in=[BankDetails.Status.VERIFIED, BankDetails.Status.REPLACED]
    ).delete()
