"""Payments and bank details change status only through the one transition
helper: each move is legal only from the state the row is in *now*, a decision
made from a stale page is refused, and two decisions at once leave one winner."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.accounts.models import User
from portal.core.models import AuditEntry, Notification
from portal.core.transitions import transition
from portal.groups.models import Group
from portal.payments.models import BankDetails, Payment, PaymentRun
from portal.payments.services import (
    bank_details_reject,
    bank_details_submit,
    bank_details_verify,
    payment_cancel,
    payment_due,
    payment_mark_failed,
    payment_mark_paid,
    payment_record_other_way,
    payment_run_create,
)
from tests.concurrency import race, race_with_messages

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


def given_details(owner):
    return bank_details_submit(
        owner_user=owner,
        account_name="A Person",
        sort_code="309457",
        account_number="12345678",
        actor=owner,
    )


def a_payment_in_a_run() -> Payment:
    """A payment to the chair, sent to the bank in a run of its own."""
    return payments_in_a_run(1)[0]


def payments_in_a_run(count: int) -> list[Payment]:
    """`count` payments to the chair, sent to the bank in one run."""
    resident = person("chair@example.org")
    details = bank_details_verify(
        details=given_details(resident), actor=person("admin@example.org")
    )
    BankDetails.objects.filter(pk=details.pk).update(
        payments_held_until=datetime.date(2000, 1, 1)
    )
    payments = [a_due_payment() for _ in range(count)]
    payment_run_create(actor=person("finance@example.org"))
    for payment in payments:
        payment.refresh_from_db()
        assert payment.status == Payment.Status.IN_RUN
    return payments


def a_due_payment() -> Payment:
    return payment_due(
        source=Group.objects.get(name__startswith="Anchor House"),
        amount=Decimal("12.50"),
        reference="EXP-9",
        payee_user=person("chair@example.org"),
        actor=person("finance@example.org"),
    )


def test_the_payment_lifecycle_is_data():
    table = {
        name: (sources, target) for name, sources, target in Payment.lifecycle.table()
    }
    assert table == {
        "send": (["due"], "in_run"),
        "pay": (["in_run"], "paid"),
        "fail": (["in_run"], "failed"),
        "pay_other_way": (["due"], "paid"),
        "cancel": (["due"], "cancelled"),
    }
    assert BankDetails.lifecycle.moves_from("pending") == [
        "verify",
        "reject",
        "replace",
    ]
    assert BankDetails.lifecycle.moves_from("replaced") == []


@pytest.mark.parametrize("name", list(Payment.lifecycle.moves), ids=str)
def test_every_illegal_payment_move_is_refused(name):
    payment = a_due_payment()
    finance = person("finance@example.org")
    move = Payment.lifecycle[name]
    for state in Payment.Status.values:
        if state in move.sources_set:
            continue
        Payment.objects.filter(pk=payment.pk).update(status=state)
        entries = AuditEntry.objects.count()
        with pytest.raises(ValidationError, match="so that cannot be done now"):
            transition(payment, name, actor=finance, reason="x")
        assert Payment.objects.get(pk=payment.pk).status == state
        assert AuditEntry.objects.count() == entries


def test_paying_a_cancelled_payment_is_refused_and_nothing_is_stored():
    finance = person("finance@example.org")
    payment = a_due_payment()
    payment_cancel(payment=payment, actor=finance, reason="Claimed twice")
    entries, notes = AuditEntry.objects.count(), Notification.objects.count()
    with pytest.raises(ValidationError) as refused:
        payment_record_other_way(
            payment=payment, actor=finance, method="cash_office", note="Receipt 7"
        )
    assert refused.value.messages == [
        "This payment is cancelled, so that cannot be done now."
    ]
    stored = Payment.objects.get(pk=payment.pk)
    assert (stored.status, stored.method, stored.paid_at, stored.note) == (
        "cancelled",
        "bank",
        None,
        "Claimed twice",
    )
    assert (AuditEntry.objects.count(), Notification.objects.count()) == (
        entries,
        notes,
    )


def test_a_stale_paid_cannot_overwrite_a_failure():
    """Finance opened the run before a colleague marked the payment failed:
    marking it paid from that page is refused, and the failure stands."""
    payment = a_payment_in_a_run()
    stale = Payment.objects.get(pk=payment.pk)
    payment_mark_failed(
        payment=payment, actor=person("finance@example.org"), reason="Account closed"
    )
    with pytest.raises(ValidationError, match="This payment is failed"):
        payment_mark_paid(payment=stale, actor=person("finance@example.org"))
    stored = Payment.objects.get(pk=payment.pk)
    assert (stored.status, stored.paid_at) == ("failed", None)


def test_each_step_of_a_payment_is_in_its_history():
    payment = a_payment_in_a_run()
    payment_mark_paid(payment=payment, actor=person("finance@example.org"))
    entries = AuditEntry.objects.filter(
        object_id=str(payment.pk), action__startswith="payment."
    ).order_by("pk")
    assert [(e.action, e.from_state, e.to_state) for e in entries] == [
        ("payment.due", "", "due"),
        ("payment.sent", "due", "in_run"),
        ("payment.paid", "in_run", "paid"),
    ]
    assert entries[1].details["run"] == payment.run.reference
    assert entries[1].action_label == "Sent to the bank in a payment run"


def test_a_run_closes_through_its_lifecycle_when_its_last_payment_settles():
    """The run stays open while a payment waits for the bank; settling the last
    one closes it, in the run's history, once."""
    paid, failed = payments_in_a_run(2)
    run = paid.run
    assert PaymentRun.lifecycle.table() == [("close", ["open"], "closed")]
    finance = person("finance@example.org")
    payment_mark_paid(payment=paid, actor=finance)
    run.refresh_from_db()
    assert run.status == PaymentRun.Status.OPEN
    payment_mark_failed(payment=failed, actor=finance, reason="Account closed")
    run.refresh_from_db()
    assert run.status == PaymentRun.Status.CLOSED
    closed = AuditEntry.objects.get(object_id=str(run.pk), action="payment_run.closed")
    assert (closed.actor, closed.from_state, closed.to_state) == (
        finance,
        "open",
        "closed",
    )
    assert closed.action_label == "Payment run closed: every payment settled"
    with pytest.raises(ValidationError, match="This payment run is every payment"):
        transition(run, "close", actor=finance)


def test_a_cancellation_needs_a_reason():
    payment = a_due_payment()
    with pytest.raises(ValidationError) as refused:
        payment_cancel(payment=payment, actor=person("finance@example.org"), reason=" ")
    assert refused.value.message_dict == {
        "reason": ["Say why the payment is cancelled."]
    }
    assert Payment.objects.get(pk=payment.pk).status == "due"


def test_checking_rejected_bank_details_is_refused():
    details = given_details(person("chair@example.org"))
    bank_details_reject(
        details=details, actor=person("admin@example.org"), reason="Name differs"
    )
    with pytest.raises(ValidationError) as refused:
        bank_details_verify(details=details, actor=person("finance@example.org"))
    assert refused.value.messages == [
        "These bank details are not accepted, so that cannot be done now."
    ]
    stored = BankDetails.objects.get(pk=details.pk)
    assert (stored.status, stored.payments_held_until) == ("rejected", None)


def test_a_stale_rejection_cannot_undo_a_check():
    details = given_details(person("chair@example.org"))
    stale = BankDetails.objects.get(pk=details.pk)
    bank_details_verify(details=details, actor=person("admin@example.org"))
    with pytest.raises(ValidationError, match="are checked, so that cannot"):
        bank_details_reject(
            details=stale, actor=person("finance@example.org"), reason="No"
        )
    stored = BankDetails.objects.get(pk=details.pk)
    assert (stored.status, stored.decision_reason) == ("verified", "")


def test_new_details_replace_the_old_and_say_so():
    chair = person("chair@example.org")
    old = given_details(chair)
    bank_details_verify(details=old, actor=person("admin@example.org"))
    new = given_details(chair)
    old.refresh_from_db()
    assert (old.status, new.status) == ("replaced", "pending")
    replaced = AuditEntry.objects.get(
        object_id=str(old.pk), action="bank_details.replaced"
    )
    assert (replaced.actor, replaced.from_state, replaced.to_state) == (
        chair,
        "verified",
        "replaced",
    )


@pytest.mark.postgres
def test_paid_and_failed_at_once_leave_one_outcome(demo_data):
    """Two finance staff settle the same payment at the same moment from the
    same run page: one result is saved, the other is told what happened."""
    payment = a_payment_in_a_run()
    finance, admin = person("finance@example.org"), person("admin@example.org")
    (paid, paid_message), (failed, failed_message) = race_with_messages(
        lambda: payment_mark_paid(
            payment=Payment.objects.get(pk=payment.pk), actor=finance
        ),
        lambda: payment_mark_failed(
            payment=Payment.objects.get(pk=payment.pk), actor=admin, reason="Bounced"
        ),
    )
    assert sorted([paid, failed]) == ["done", "refused"]
    final = Payment.objects.get(pk=payment.pk).status
    assert final == ("paid" if paid == "done" else "failed")
    message = failed_message or paid_message
    state = Payment.Status(final).label.lower()
    assert message == f"This payment is {state}, so that cannot be done now."
    settled = AuditEntry.objects.filter(
        object_id=str(payment.pk), action__in=["payment.paid", "payment.failed"]
    )
    assert settled.count() == 1


@pytest.mark.postgres
def test_the_last_two_payments_of_a_run_settled_at_once_close_it(demo_data):
    """Each settling counts what still waits for the bank: without the run's row
    lock both would see the other waiting and the run would stay open for good."""
    payments = payments_in_a_run(2)
    finance, admin = person("finance@example.org"), person("admin@example.org")
    outcomes = race(
        lambda: payment_mark_paid(
            payment=Payment.objects.get(pk=payments[0].pk), actor=finance
        ),
        lambda: payment_mark_paid(
            payment=Payment.objects.get(pk=payments[1].pk), actor=admin
        ),
    )
    assert outcomes == ["done", "done"]
    run = PaymentRun.objects.get(pk=payments[0].run_id)
    assert run.status == PaymentRun.Status.CLOSED
    assert (
        AuditEntry.objects.filter(
            object_id=str(run.pk), action="payment_run.closed"
        ).count()
        == 1
    )


@pytest.mark.postgres
def test_bank_details_checked_and_rejected_at_once_leave_one_decision(demo_data):
    details = given_details(person("chair@example.org"))
    (verified, _), (rejected, message) = race_with_messages(
        lambda: bank_details_verify(
            details=BankDetails.objects.get(pk=details.pk),
            actor=person("finance@example.org"),
        ),
        lambda: bank_details_reject(
            details=BankDetails.objects.get(pk=details.pk),
            actor=person("admin@example.org"),
            reason="Name differs",
        ),
    )
    assert sorted([verified, rejected]) == ["done", "refused"]
    final = BankDetails.objects.get(pk=details.pk).status
    assert final == ("verified" if verified == "done" else "rejected")
    assert (
        AuditEntry.objects.filter(
            object_id=str(details.pk),
            action__in=["bank_details.verified", "bank_details.rejected"],
        ).count()
        == 1
    )
