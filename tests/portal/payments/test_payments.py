"""Money out: only to checked accounts after the cooling-off, never twice, every
step legal only from the right state, the bank file exact."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.models import User
from portal.groups.models import Group
from portal.payments.models import BankDetails, Payment, PaymentRun
from portal.payments.selectors import payment_ready
from portal.payments.services import (
    bank_details_submit,
    bank_details_verify,
    payment_due,
    payment_mark_failed,
    payment_mark_paid,
    payment_record_other_way,
    payment_run_create,
    payment_run_csv,
)
from tests.concurrency import race
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def person(email):
    return User.objects.get(email=email)


@pytest.fixture
def finance():
    return person("finance@example.org")


@pytest.fixture
def anchor():
    return Group.objects.get(name__startswith="Anchor House")


def checked_account(*, finance, user=None, group=None, number="12345678", held=False):
    details = bank_details_submit(
        owner_user=user,
        owner_group=group,
        account_name="A Person",
        sort_code="30-94-57",
        account_number=number,
        actor=user or finance,
    )
    details = bank_details_verify(details=details, actor=person("admin@example.org"))
    if not held:
        details.payments_held_until = datetime.date(2000, 1, 1)
        details.save()
    return details


def owed(finance, *, source, amount="12.50", **payee):
    return payment_due(
        source=source, amount=Decimal(amount), reference="EXP-1", actor=finance, **payee
    )


def test_a_run_takes_ready_payments_and_the_file_is_exact(finance, anchor, monkeypatch):
    settled = []
    monkeypatch.setattr(
        Group,
        "payment_settled",
        lambda self, *, payment, actor: settled.append(payment.status),
        raising=False,
    )
    resident = person("chair@example.org")
    checked_account(finance=finance, user=resident)
    payment = owed(finance, source=anchor, payee_user=resident)
    unready = owed(finance, source=anchor, payee_user=person("neighbour@example.org"))
    assert payment_ready(unready) == (
        False,
        "Their bank details are still being checked.",
    )
    run = payment_run_create(actor=finance)
    payment.refresh_from_db()
    unready.refresh_from_db()
    assert (payment.status, unready.status, run.count, run.total) == (
        "in_run",
        "due",
        1,
        Decimal("12.50"),
    )
    assert payment_run_csv(run) == (
        "sort_code,account_number,account_name,amount,reference\r\n"
        "309457,12345678,A Person,12.50,EXP-1\r\n"
    )
    payment_mark_paid(payment=payment, actor=finance)
    run.refresh_from_db()
    assert run.status == "closed"
    assert settled == ["paid"]
    with pytest.raises(ValidationError):
        payment_mark_paid(payment=payment, actor=finance)  # not twice


def test_new_bank_details_hold_payments_for_the_cooling_off(finance, anchor):
    resident = person("chair@example.org")
    checked_account(finance=finance, user=resident, held=True)
    payment = owed(finance, source=anchor, payee_user=resident)
    ready, why = payment_ready(payment)
    assert not ready and "held until" in why
    with pytest.raises(ValidationError):
        payment_run_create(actor=finance)


def test_nobody_checks_bank_details_they_gave(finance):
    details = bank_details_submit(
        owner_user=finance,
        account_name="F",
        sort_code="309457",
        account_number="87654321",
        actor=finance,
    )
    with pytest.raises(PermissionDenied):
        bank_details_verify(details=details, actor=finance)


def test_failed_and_other_way_payments(finance, anchor):
    resident = person("chair@example.org")
    checked_account(finance=finance, user=resident)
    payment = owed(finance, source=anchor, payee_user=resident)
    payment_run_create(actor=finance)
    with pytest.raises(ValidationError):
        payment_mark_failed(payment=payment, actor=finance, reason="")
    payment_mark_failed(payment=payment, actor=finance, reason="Account closed")
    cash = owed(finance, source=anchor, payee_user=person("neighbour@example.org"))
    with pytest.raises(ValidationError):
        payment_record_other_way(payment=cash, actor=finance, method="bank", note="x")
    payment_record_other_way(
        payment=cash, actor=finance, method="cash_office", note="Receipt 44"
    )
    cash.refresh_from_db()
    assert (cash.status, cash.method) == ("paid", "cash_office")


def test_only_finance_makes_runs(anchor):
    with pytest.raises(PermissionDenied):
        payment_run_create(actor=person("officer@example.org"))


def test_amounts_must_be_positive_and_to_one_payee(finance, anchor):
    with pytest.raises(ValidationError):
        owed(finance, source=anchor, amount="0", payee_user=finance)
    with pytest.raises(ValidationError):
        owed(finance, source=anchor)


@pytest.mark.postgres
def test_two_runs_at_once_never_pay_twice(demo_data):
    finance = person("finance@example.org")
    anchor = Group.objects.get(name__startswith="Anchor House")
    resident = person("chair@example.org")
    checked_account(finance=finance, user=resident)
    for _ in range(5):
        owed(finance, source=anchor, payee_user=resident)
    race(
        lambda: payment_run_create(actor=finance),
        lambda: payment_run_create(actor=finance),
    )
    assert PaymentRun.objects.count() == 1
    assert Payment.objects.filter(status="in_run").count() == 5


def test_residents_give_bank_details_and_see_only_the_last_four(client):
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/bank-details/",
        {
            "account_name": "Rosa Resident",
            "sort_code": "30-94-57",
            "account_number": "11112222",
        },
    )
    assert response.status_code == 302
    page = client.get("/portal/bank-details/").content.decode()
    assert "ending 2222" in page
    assert "11112222" not in page
    assert (
        BankDetails.objects.get(user__email="resident@example.org").status == "pending"
    )


def test_bad_bank_details_are_explained_and_kept(client):
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/bank-details/",
        {"account_name": "Rosa", "sort_code": "30-94", "account_number": "123"},
    )
    page = response.content.decode()
    assert "Enter a sort code like 30-94-57." in page
    assert "Enter an account number of 8 digits." in page
    assert 'value="Rosa"' in page


def test_only_a_groups_officers_give_its_bank_details(client, anchor):
    sign_in(client, "neighbour@example.org")
    assert client.get(f"/portal/groups/{anchor.pk}/bank-details/").status_code == 404
    client.logout()
    sign_in(client, "treasurer@example.org")
    assert client.get(f"/portal/groups/{anchor.pk}/bank-details/").status_code == 200


def test_finance_makes_a_run_and_downloads_the_file_in_the_admin(
    client, finance, anchor
):
    resident = person("chair@example.org")
    checked_account(finance=finance, user=resident)
    owed(finance, source=anchor, payee_user=resident)
    sign_in(client, "finance@example.org")
    assert client.get("/admin/payments/").status_code == 200
    response = client.post("/admin/payments/")
    run = PaymentRun.objects.get()
    assert response["Location"].endswith(f"/admin/payments/runs/{run.pk}/")
    csv = client.get(f"/admin/payments/runs/{run.pk}/file/").content.decode()
    assert "309457,12345678" in csv
    payment = run.payments.get()
    client.post(
        f"/admin/payments/runs/{run.pk}/", {"payment": payment.pk, "outcome": "paid"}
    )
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_due_payments_page_query_count_is_flat(client, finance, anchor):
    from tests.cms.meetings.test_calendar import count_queries

    sign_in(client, "finance@example.org")
    owed(finance, source=anchor, payee_user=person("chair@example.org"))
    client.get("/admin/payments/")
    before = count_queries(client, "/admin/payments/")
    for email in [
        "neighbour@example.org",
        "resident@example.org",
        "secretary@example.org",
    ]:
        checked_account(finance=finance, user=person(email), number="11223344")
        for _ in range(10):
            owed(finance, source=anchor, payee_user=person(email))
    assert count_queries(client, "/admin/payments/") == before


@pytest.mark.parametrize(
    ("sort_code", "account_number"),
    [
        ("٣٠-٩٤-٥٧", "١١١١٢٢٢٢"),  # Arabic-Indic
        ("৩০-৯৪-৫৭", "১১১১২২২২"),  # Bengali
        ("３０９４５７", "１１１１２２２２"),  # full width
    ],
)
def test_digits_in_other_scripts_are_stored_as_ascii(client, sort_code, account_number):
    """Finding 7: they were stored as typed and would have gone into the bank file."""
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/bank-details/",
        {
            "account_name": "Rosa Resident",
            "sort_code": sort_code,
            "account_number": account_number,
        },
    )
    assert response.status_code == 302
    details = BankDetails.objects.get(user__email="resident@example.org")
    assert (details.sort_code, details.account_number) == ("309457", "11112222")


def test_other_characters_that_look_like_digits_are_refused(client):
    sign_in(client, "resident@example.org")
    response = client.post(
        "/portal/bank-details/",
        {"account_name": "Rosa", "sort_code": "30-94-5⑦", "account_number": "1111222²"},
    )
    page = response.content.decode()
    assert "Enter a sort code like 30-94-57." in page
    assert "Enter an account number of 8 digits." in page
    assert not BankDetails.objects.filter(user__email="resident@example.org").exists()


def test_the_bank_file_is_ascii_and_has_no_formulas(finance, anchor):
    resident = person("chair@example.org")
    details = checked_account(finance=finance, user=resident)
    BankDetails.objects.filter(pk=details.pk).update(
        account_name='=HYPERLINK("x") Zoë', sort_code="٣٠٩٤٥٧"
    )
    owed(finance, source=anchor, payee_user=resident)
    text = payment_run_csv(payment_run_create(actor=finance))
    text.encode("ascii")
    line = text.splitlines()[1]
    assert line.startswith("309457,12345678,HYPERLINK")
    assert "Zoe" in line or len(line.split(",")[2]) == 18
