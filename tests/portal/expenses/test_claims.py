"""Claim states: each transition legal only from the right state, nobody approves
their own claim, a second different approver above the threshold, audited."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group as Role
from django.core.exceptions import PermissionDenied, ValidationError

from portal.accounts.models import User
from portal.accounts.roles import INVOLVEMENT_OFFICERS
from portal.core.models import AuditEntry
from portal.expenses import services
from portal.expenses.models import ExpenseCategory, ExpenseClaim, ExpensePolicy

pytestmark = pytest.mark.django_db
D = Decimal
DAY = datetime.date(2026, 11, 2)
S = ExpenseClaim.Status


@pytest.fixture
def policy():
    ExpenseClaim.objects.all().delete()
    ExpensePolicy.objects.all().delete()
    policy = ExpensePolicy.objects.create(
        name="Test", effective_from=datetime.date(2026, 4, 6)
    )
    ExpenseCategory.objects.create(
        policy=policy,
        kind="mileage",
        name="Car",
        rate=D("0.45"),
        band_miles=10000,
        rate_after_band=D("0.25"),
        passenger_rate=D("0.05"),
    )
    ExpenseCategory.objects.create(policy=policy, kind="meal", name="Meal", cap=D("8"))
    ExpenseCategory.objects.create(
        policy=policy, kind="care", name="Childcare", rate=D("7")
    )
    return policy


@pytest.fixture
def resident():
    return User.objects.get(email="resident@example.org")


@pytest.fixture
def officer():
    return User.objects.get(email="officer@example.org")


@pytest.fixture
def officer2():
    user = User.objects.create_user(
        email="officer2@example.org", password="x-Long-pass-1"
    )
    user.groups.add(Role.objects.get(name=INVOLVEMENT_OFFICERS))
    return user


def new_claim(resident, **kw):
    return ExpenseClaim.objects.create(
        claimant=resident,
        activity="meeting",
        description="Tenants' panel",
        activity_date=kw.pop("day", DAY),
        **kw,
    )


def submitted(resident, miles=20, day=DAY):
    claim = new_claim(resident, day=day)
    services.claim_add_line(claim=claim, actor=resident, kind="mileage", miles=miles)
    return services.claim_submit(
        claim=claim, actor=resident, declared=True, today=day, late_reason=""
    )


def test_line_amount_and_explanation(policy, resident):
    claim = new_claim(resident)
    line = services.claim_add_line(
        claim=claim, actor=resident, kind="mileage", miles=12, passengers=1
    )
    assert line.amount == D("6.00")
    assert "12 miles at 45p a mile" in line.explanation


def send(claim, resident):
    return services.claim_submit(
        claim=claim, actor=resident, declared=True, today=claim.activity_date
    )


def test_band_counts_earlier_claims_in_the_tax_year(policy, resident):
    earlier = new_claim(resident, day=datetime.date(2026, 6, 1))
    for _ in range(5):  # 9,990 miles over five long journeys
        services.claim_add_line(
            claim=earlier, actor=resident, kind="mileage", miles=1998
        )
    send(earlier, resident)  # a draft holds no place in the band
    claim = new_claim(resident)
    line = services.claim_add_line(
        claim=claim, actor=resident, kind="mileage", miles=20
    )
    assert line.amount == D("7.00")  # 10 at 45p + 10 at 25p


@pytest.mark.parametrize(
    "typed",
    [
        {"miles": 10**29},
        {"miles": 2001},
        {"passengers": 9},
        {"hours": D("24.01")},
        {"hours": D("-1")},
        {"spent": D("5000.01")},
        {"spent": D("1e29")},
    ],
)
def test_a_line_beyond_what_one_cost_can_hold_is_refused(policy, resident, typed):
    claim = new_claim(resident)
    kind = "mileage" if {"miles", "passengers"} & set(typed) else "meal"
    with pytest.raises(ValidationError) as refused:
        services.claim_add_line(claim=claim, actor=resident, kind=kind, **typed)
    assert set(refused.value.message_dict) == set(typed)
    assert not claim.lines.exists()


def test_the_database_refuses_a_line_beyond_the_limits_by_any_path(policy, resident):
    from django.db import IntegrityError, transaction

    from portal.expenses.models import ExpenseLine

    claim = new_claim(resident)
    category = ExpenseCategory.objects.get(kind="mileage")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpenseLine.objects.create(
            claim=claim, category=category, miles=5000, amount=D(1), explanation="x"
        )
    ExpenseLine.objects.create(
        claim=claim, category=category, miles=2000, amount=D(1), explanation="x"
    )


def test_two_claims_on_the_same_day_share_the_mileage_band(policy, resident):
    """Journeys are priced in day order, then in the order they were added: the
    second claim for the same day sees the first one's miles, whichever is sent
    first."""
    earlier = new_claim(resident, day=datetime.date(2026, 6, 1))
    for _ in range(5):
        services.claim_add_line(
            claim=earlier, actor=resident, kind="mileage", miles=1998
        )  # 9,990 miles
    send(earlier, resident)
    morning = new_claim(resident)
    first = services.claim_add_line(
        claim=morning, actor=resident, kind="mileage", miles=10
    )
    evening = new_claim(resident)  # same day
    second = services.claim_add_line(
        claim=evening, actor=resident, kind="mileage", miles=10
    )
    send(evening, resident)  # sent first, but added second
    send(morning, resident)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.amount == D("4.50")  # the last 10 miles at 45p
    assert second.amount == D("2.50")  # past the band: 25p
    assert "45p" not in second.explanation


def test_receipt_needed_and_policy_gaps_are_refused(policy, resident):
    claim = new_claim(resident)
    with pytest.raises(ValidationError, match="receipt"):
        services.claim_add_line(claim=claim, actor=resident, kind="meal", spent=D("12"))
    with pytest.raises(ValidationError, match="does not cover"):
        services.claim_add_line(claim=claim, actor=resident, kind="taxi", spent=D("5"))


def test_submit_needs_declaration_lines_and_late_reason(policy, resident):
    claim = new_claim(resident)
    with pytest.raises(ValidationError) as error:
        services.claim_submit(claim=claim, actor=resident, declared=False, today=DAY)
    assert "declared" in error.value.message_dict
    assert "__all__" in error.value.message_dict
    services.claim_add_line(claim=claim, actor=resident, kind="mileage", miles=5)
    late = DAY + datetime.timedelta(days=100)
    with pytest.raises(ValidationError) as error:
        services.claim_submit(claim=claim, actor=resident, declared=True, today=late)
    assert "late_reason" in error.value.message_dict
    services.claim_submit(
        claim=claim,
        actor=resident,
        declared=True,
        today=late,
        late_reason="In hospital",
    )
    claim.refresh_from_db()
    assert claim.status == S.SUBMITTED and claim.late_reason == "In hospital"


def test_only_the_claimant_adds_lines(policy, resident, officer):
    claim = new_claim(resident)
    with pytest.raises(PermissionDenied):
        services.claim_add_line(claim=claim, actor=officer, kind="mileage", miles=5)


def test_nobody_approves_their_own_claim(policy, officer):
    claim = submitted(officer)
    line = claim.lines.get()
    with pytest.raises(PermissionDenied):
        services.line_decide(line=line, actor=officer, decision="approved")
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, actor=officer)


def test_residents_cannot_approve(policy, resident):
    claim = submitted(resident)
    neighbour = User.objects.get(email="neighbour@example.org")
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, actor=neighbour)


def test_approve_with_a_reduced_line(policy, resident, officer):
    claim = submitted(resident, miles=20)
    line = claim.lines.get()
    with pytest.raises(ValidationError):
        services.line_decide(
            line=line, actor=officer, decision="reduced", amount=D("5")
        )
    with pytest.raises(ValidationError):
        services.claim_approve(claim=claim, actor=officer)  # line undecided
    services.line_decide(
        line=line,
        actor=officer,
        decision="reduced",
        amount=D("5"),
        reason="Shorter route",
    )
    claim = services.claim_approve(claim=claim, actor=officer)
    assert claim.status == S.APPROVED and claim.approved_total == D("5.00")
    actions = set(
        AuditEntry.objects.filter(object_id=str(claim.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"expense claim submitted", "expense claim approved"} <= actions


def test_over_threshold_needs_a_second_different_approver(
    policy, resident, officer, officer2, settings
):
    settings.INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE = 5
    claim = submitted(resident, miles=20)  # £9.00
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim = services.claim_approve(claim=claim, actor=officer)
    assert claim.status == S.SECOND_APPROVAL
    # A first approval is not the decision: the claim is not dated decided yet.
    assert claim.decided_at is None and claim.approved_total == Decimal("9.00")
    assert claim_actions(claim)[-1] == "expense claim first approval"
    with pytest.raises(PermissionDenied, match="second, different person"):
        services.claim_approve(claim=claim, actor=officer)
    claim = services.claim_approve(claim=claim, actor=officer2)
    assert claim.status == S.APPROVED and claim.decided_at is not None
    assert claim.first_approver == officer and claim.second_approver == officer2
    assert claim_actions(claim)[-1] == "expense claim approved"


def test_at_the_threshold_one_approver_is_enough(policy, resident, officer, settings):
    settings.INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE = 9
    claim = submitted(resident, miles=20)  # £9.00, not over £9
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim = services.claim_approve(claim=claim, actor=officer)
    assert claim.status == S.APPROVED and claim.decided_at is not None
    assert claim.second_approver is None


def claim_actions(claim) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            object_id=str(claim.pk), action__startswith="expense claim"
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_query_and_answer(policy, resident, officer):
    claim = submitted(resident)
    with pytest.raises(ValidationError):
        services.claim_query(claim=claim, actor=officer, question=" ")
    claim = services.claim_query(claim=claim, actor=officer, question="Which venue?")
    assert claim.status == S.QUERIED
    services.claim_add_line(claim=claim, actor=resident, kind="mileage", miles=2)
    claim = services.claim_answer(claim=claim, actor=resident, answer="Civic centre")
    assert claim.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (S.DRAFT, "approve"),
        (S.DRAFT, "reject"),
        (S.DRAFT, "query"),
        (S.SUBMITTED, "submit"),
        (S.SUBMITTED, "answer"),
        (S.APPROVED, "approve"),
        (S.APPROVED, "reject"),
        (S.REJECTED, "approve"),
        (S.PAID, "reject"),
        (S.PAID, "query"),
        (S.REJECTED, "add_line"),
    ],
)
def test_illegal_transitions_are_refused(policy, resident, officer, status, step):
    claim = new_claim(resident, status=status)
    calls = {
        "approve": lambda: services.claim_approve(claim=claim, actor=officer),
        "reject": lambda: services.claim_reject(claim=claim, actor=officer, reason="x"),
        "query": lambda: services.claim_query(claim=claim, actor=officer, question="x"),
        "submit": lambda: services.claim_submit(
            claim=claim, actor=resident, declared=True
        ),
        "answer": lambda: services.claim_answer(
            claim=claim, actor=resident, answer="x"
        ),
        "add_line": lambda: services.claim_add_line(
            claim=claim, actor=resident, kind="mileage", miles=1
        ),
    }
    with pytest.raises(ValidationError, match="cannot be done now"):
        calls[step]()
    claim.refresh_from_db()
    assert claim.status == status


def test_payment_settled_moves_the_claim(policy, resident, officer):
    claim = submitted(resident)
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim = services.claim_approve(claim=claim, actor=officer)

    class Paid:
        status = "paid"

    claim.payment_settled(payment=Paid(), actor=officer)
    claim.refresh_from_db()
    assert claim.status == S.PAID
    with pytest.raises(ValidationError):
        claim.payment_settled(payment=Paid(), actor=officer)


def test_checks_flag_duplicates_absence_caps_and_lateness(policy, resident, officer):
    import hashlib

    from django.core.files.base import ContentFile

    from portal.core.files import private_file_store
    from portal.expenses.selectors import claim_checks

    content = b"%PDF-1.4 receipt"

    def receipt(extra=b""):
        upload = ContentFile(content + extra, name="receipt.pdf")
        return private_file_store(
            upload=upload, uploaded_by=resident, content_type="application/pdf"
        )

    first = new_claim(resident)
    services.claim_add_line(
        claim=first, actor=resident, kind="meal", spent=D("12"), receipt=receipt()
    )
    second = new_claim(resident, late_reason="")
    with pytest.raises(ValidationError) as refused:
        services.claim_add_line(
            claim=second, actor=resident, kind="meal", spent=D("12"), receipt=receipt()
        )
    assert f"already been used on claim EXP{first.pk:06d}" in str(refused.value)
    assert hashlib.sha256(content).hexdigest()
    services.claim_add_line(
        claim=second, actor=resident, kind="meal", spent=D("12"), receipt=receipt(b"2")
    )
    warnings = claim_checks(second)
    assert any("already claimed on claim" in w for w in warnings)
    assert any("capped by the policy" in w for w in warnings)
    old = new_claim(resident, day=datetime.date(2025, 1, 1))
    assert any(w.startswith("Late claim") for w in claim_checks(old))


def test_reports_spend_by_category_month_and_tax_year_mileage(
    policy, resident, officer
):
    from portal.expenses.selectors import spend_by_category_and_month, tax_year_mileage

    claim = submitted(resident, miles=20)
    services.line_decide(
        line=claim.lines.get(),
        actor=officer,
        decision="reduced",
        amount=D("5"),
        reason="Shorter route",
    )
    services.claim_approve(claim=claim, actor=officer)
    rows = spend_by_category_and_month(
        start=datetime.date(2026, 4, 6), end=datetime.date(2027, 4, 5)
    )
    assert [(r["category__kind"], r["total"]) for r in rows] == [("mileage", D("5"))]
    miles = {r["claim__claimant__email"]: r["miles"] for r in tax_year_mileage(day=DAY)}
    assert miles["resident@example.org"] >= 20


def test_approval_makes_a_payment_due_and_failure_comes_back(policy, resident, officer):
    from portal.payments.selectors import payments_for_source
    from portal.payments.services import payment_mark_failed

    claim = submitted(resident, miles=20)
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim = services.claim_approve(claim=claim, actor=officer)
    payment = payments_for_source(claim).get()
    assert payment.amount == D("9.00") and payment.status == "due"
    assert payment.reference == claim.reference and payment.payee_user == resident
    payment.status = "in_run"
    payment.save()
    finance = User.objects.get(email="finance@example.org")
    payment_mark_failed(payment=payment, actor=finance, reason="Account closed")
    claim.refresh_from_db()
    assert claim.status == S.PAYMENT_FAILED
