"""The newer kinds of cost: fares need evidence whatever the amount, phone and
internet have a yearly cap per person, equipment needs a pre-approval, and a taxi
needs a reason or a pre-approval."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from portal.accounts.models import User
from portal.core.files import private_file_store
from portal.expenses import services
from portal.expenses.calculator import calculate
from portal.expenses.models import (
    ExpenseCategory,
    ExpenseClaim,
    ExpensePolicy,
    PreApproval,
)

pytestmark = pytest.mark.django_db
D = Decimal
DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def policy():
    ExpenseClaim.objects.all().delete()
    PreApproval.objects.all().delete()
    ExpensePolicy.objects.all().delete()
    policy = ExpensePolicy.objects.create(
        name="Test",
        effective_from=datetime.date(2025, 4, 6),
        receipt_required_above=D("100"),
    )
    rows = [
        {"kind": "public_transport", "name": "Bus or train", "needs_evidence": True},
        {"kind": "phone", "name": "Phone and internet", "yearly_cap": D("60")},
        {"kind": "equipment", "name": "Equipment", "needs_pre_approval": True},
        {"kind": "taxi", "name": "Taxi", "cap": D("30"), "needs_reason": True},
        {"kind": "postage", "name": "Postage"},
        {"kind": "stationery", "name": "Stationery", "cap": D("20")},
    ]
    for row in rows:
        ExpenseCategory.objects.create(policy=policy, **row)
    return policy


@pytest.fixture
def resident():
    return User.objects.get(email="resident@example.org")


def new_claim(resident, day=DAY, status="draft"):
    return ExpenseClaim.objects.create(
        claimant=resident,
        activity="meeting",
        description="Tenants' panel",
        activity_date=day,
        status=status,
    )


def receipt(resident, content=b"%PDF-1.4 ticket"):
    return private_file_store(
        upload=ContentFile(content, name="ticket.pdf"),
        uploaded_by=resident,
        content_type="application/pdf",
    )


def approved(resident, kind="equipment", cost="40"):
    return PreApproval.objects.create(
        claimant=resident,
        kind=kind,
        description="A printer for the newsletter",
        reason="We print 200 copies",
        estimated_cost=D(cost),
        status="approved",
    )


def test_a_fare_needs_a_ticket_or_statement_whatever_the_amount(policy, resident):
    claim = new_claim(resident)
    with pytest.raises(ValidationError) as error:
        services.claim_add_line(
            claim=claim, actor=resident, kind="public_transport", spent=D("2.40")
        )
    assert "ticket, receipt or a statement" in error.value.message_dict["receipt"][0]
    line = services.claim_add_line(
        claim=claim,
        actor=resident,
        kind="public_transport",
        spent=D("2.40"),
        receipt=receipt(resident),
    )
    assert line.amount == D("2.40") and line.explanation == "£2.40 as spent."


def test_phone_and_internet_yearly_cap_counts_the_whole_tax_year(policy, resident):
    may = new_claim(resident, day=datetime.date(2026, 5, 1))
    services.claim_add_line(claim=may, actor=resident, kind="phone", spent=D("25"))
    ExpenseClaim.objects.filter(pk=may.pk).update(status="submitted")
    line = services.claim_add_line(
        claim=new_claim(resident), actor=resident, kind="phone", spent=D("50")
    )
    assert line.amount == D("35.00")
    assert "Capped at £60.00 a year; you have £0.00 left this tax year." in (
        line.explanation
    )
    with pytest.raises(ValidationError, match="already been paid the most"):
        services.claim_add_line(
            claim=new_claim(resident), actor=resident, kind="phone", spent=D("5")
        )
    # A new tax year starts on 6 April: the cap is fresh.
    april = new_claim(resident, day=datetime.date(2026, 4, 5))
    line = services.claim_add_line(
        claim=april, actor=resident, kind="phone", spent=D("10")
    )
    assert "you have £50.00 left" in line.explanation


def test_a_rejected_claim_does_not_use_up_the_yearly_cap(policy, resident):
    rejected = new_claim(resident)
    services.claim_add_line(claim=rejected, actor=resident, kind="phone", spent=D("60"))
    ExpenseClaim.objects.filter(pk=rejected.pk).update(status="rejected")
    line = services.claim_add_line(
        claim=new_claim(resident), actor=resident, kind="phone", spent=D("20")
    )
    assert line.amount == D("20.00") and "you have £40.00 left" in line.explanation


def test_equipment_needs_an_approved_pre_approval_of_the_claimant(policy, resident):
    claim = new_claim(resident)
    with pytest.raises(ValidationError) as error:
        services.claim_add_line(
            claim=claim, actor=resident, kind="equipment", spent=D("9")
        )
    assert "Ask for a pre-approval first" in error.value.message_dict["pre_approval"][0]
    neighbour = User.objects.get(email="neighbour@example.org")
    problems = {
        "own": approved(neighbour),
        "not been approved": PreApproval.objects.create(
            claimant=resident,
            kind="equipment",
            description="Laptop",
            reason="Minutes",
            estimated_cost=D("300"),
        ),
        "is for taxi": approved(resident, kind="taxi"),
    }
    for message, pre_approval in problems.items():
        with pytest.raises(ValidationError, match=message):
            services.claim_add_line(
                claim=claim,
                actor=resident,
                kind="equipment",
                spent=D("9"),
                pre_approval=pre_approval,
            )
    assert not claim.lines.exists()
    printer = approved(resident)
    line = services.claim_add_line(
        claim=claim,
        actor=resident,
        kind="equipment",
        spent=D("55"),
        receipt=receipt(resident),
        pre_approval=printer,
    )
    assert line.amount == D("40.00") and line.pre_approval == printer
    assert "We agreed up to £40.00 beforehand" in line.explanation
    with pytest.raises(ValidationError, match="already used on claim"):
        services.claim_add_line(
            claim=new_claim(resident),
            actor=resident,
            kind="equipment",
            spent=D("5"),
            pre_approval=printer,
        )


def test_a_taxi_needs_a_reason_or_a_pre_approval(policy, resident):
    claim = new_claim(resident)
    with pytest.raises(ValidationError) as error:
        services.claim_add_line(claim=claim, actor=resident, kind="taxi", spent=D("8"))
    assert "Say why you needed a taxi" in error.value.message_dict["reason"][0]
    line = services.claim_add_line(
        claim=claim,
        actor=resident,
        kind="taxi",
        spent=D("8"),
        pre_approval=approved(resident, kind="taxi", cost="10"),
    )
    assert line.amount == D("8.00")
    line = services.claim_add_line(
        claim=claim, actor=resident, kind="taxi", spent=D("7"), reason="No late bus"
    )
    assert line.amount == D("7.00")


def test_postage_and_stationery_are_paid_as_spent_up_to_their_caps(policy, resident):
    claim = new_claim(resident)
    post = services.claim_add_line(
        claim=claim, actor=resident, kind="postage", spent=D("3.20")
    )
    paper = services.claim_add_line(
        claim=claim,
        actor=resident,
        kind="stationery",
        spent=D("24"),
        receipt=receipt(resident, b"%PDF-1.4 paper"),
    )
    assert (post.amount, paper.amount) == (D("3.20"), D("20.00"))
    assert paper.explanation == (
        "You spent £24.00; the most we pay for stationery is £20.00."
    )


def test_calculator_explains_the_yearly_cap_when_it_bites():
    from types import SimpleNamespace

    phone = SimpleNamespace(
        kind="phone",
        name="Phone and internet",
        rate=None,
        cap=None,
        needs_reason=False,
        yearly_cap=D("60"),
    )
    result = calculate(category=phone, spent=D("30"), spent_this_year=D("45"))
    assert result.amount == D("15.00")
    assert result.explanation == (
        "£30.00 as spent. Capped at £60.00 a year; you have £0.00 left this tax "
        "year. So we pay £15.00."
    )


def test_the_claimant_sees_each_categorys_figures_before_claiming(client):
    from tests.conftest import sign_in
    from tests.portal.expenses.test_claiming import attended_meeting, start_claim

    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    page = client.get(f"/portal/expenses/{claim.pk}/").content.decode()
    assert "What we pay for each type of cost" in page
    assert (
        "45p a mile (25p after 10,000 miles in a tax year); 5p a mile more for "
        "each passenger." in page
    )
    assert "What you spent; up to £60.00 a tax year." in page
    assert (
        "What you spent, up to £150.00 a claim; needs our agreement before you "
        "spend." in page
    )
    assert "What you spent; needs a ticket, receipt or statement." in page
    assert "We need a receipt for anything over £10.00." in page


@pytest.mark.postgres
def test_two_lines_at_once_never_pass_the_yearly_cap(demo_data):
    import threading

    from django.db import connection

    from portal.core.dates import london_today
    from portal.expenses.selectors import policy_on

    today = london_today()
    policy_on(today).categories.filter(kind="phone").update(yearly_cap=D("15"))
    resident = User.objects.get(email="neighbour@example.org")
    claims = [new_claim(resident, day=today) for _ in range(2)]
    barrier = threading.Barrier(2)

    def add(claim):
        barrier.wait()
        try:
            services.claim_add_line(
                claim=claim, actor=resident, kind="phone", spent=D("10")
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(claim,)) for claim in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    amounts = sorted(line.amount for claim in claims for line in claim.lines.all())
    assert amounts == [D("5.00"), D("10.00")]
