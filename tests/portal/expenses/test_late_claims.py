"""A claim sent after the policy's deadline is flagged; an approver can approve it
only after recording why (audited); the page keeps the line decisions on error."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.expenses import services
from portal.expenses.models import ExpenseClaim
from portal.expenses.selectors import claim_checks, claim_is_late
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LATE_MESSAGE = "This claim was sent after the deadline."


def late_claim(days_late=10):
    """The demo resident's claim for an activity 3 months + `days_late` ago."""
    from portal.core.dates import london_today
    from portal.expenses.calculator import claim_deadline

    resident = User.objects.get(email="resident@example.org")
    today = london_today()
    day = today - datetime.timedelta(days=100 + days_late)
    assert claim_deadline(activity_date=day, months=3) < today
    claim = ExpenseClaim.objects.create(
        claimant=resident,
        activity="training",
        description="First aid course",
        activity_date=day,
    )
    services.claim_add_line(claim=claim, actor=resident, kind="mileage", miles=10)
    return services.claim_submit(
        claim=claim, actor=resident, declared=True, late_reason="I was in hospital"
    )


@pytest.fixture
def officer():
    return User.objects.get(email="officer@example.org")


def test_a_late_claim_is_flagged_when_sent(officer):
    claim = late_claim()
    assert claim.submitted_late and claim_is_late(claim)
    checks = claim_checks(claim)
    assert any(
        c.startswith("Late claim (more than 3 months") and "I was in hospital" in c
        for c in checks
    )


def test_a_claim_sent_in_time_is_not_flagged():
    resident = User.objects.get(email="resident@example.org")
    claim = ExpenseClaim.objects.filter(claimant=resident, status="submitted").get()
    assert not claim.submitted_late
    assert not any(c.startswith("Late claim") for c in claim_checks(claim))


def test_approving_a_late_claim_needs_an_override_reason(officer):
    claim = late_claim()
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    with pytest.raises(ValidationError) as error:
        services.claim_approve(claim=claim, actor=officer, late_override="  ")
    assert LATE_MESSAGE in error.value.message_dict["late_override"][0]
    claim.refresh_from_db()
    assert claim.status == "submitted" and claim.late_override_reason == ""
    claim = services.claim_approve(
        claim=claim, actor=officer, late_override="Hospital letter seen"
    )
    assert claim.status == "approved"
    assert claim.late_override_reason == "Hospital letter seen"
    entry = AuditEntry.objects.get(
        object_id=str(claim.pk), action="expense late claim allowed"
    )
    assert entry.reason == "Hospital letter seen"
    assert entry.actor == officer
    assert any("allowed by an approver" in c for c in claim_checks(claim))


def test_the_second_approver_does_not_need_to_repeat_the_override(officer, settings):
    from django.contrib.auth.models import Group as Role

    from portal.accounts.roles import INVOLVEMENT_OFFICERS

    settings.INVOLVE_EXPENSES_SECOND_APPROVAL_ABOVE = 1
    second = User.objects.create_user(email="second@example.org", password="x-Pass-1")
    second.groups.add(Role.objects.get(name=INVOLVEMENT_OFFICERS))
    claim = late_claim()
    services.line_decide(line=claim.lines.get(), actor=officer, decision="approved")
    claim = services.claim_approve(claim=claim, actor=officer, late_override="Seen")
    assert claim.status == "second_approval"
    claim = services.claim_approve(claim=claim, actor=second)
    assert claim.status == "approved"
    assert (
        AuditEntry.objects.filter(
            object_id=str(claim.pk), action="expense late claim allowed"
        ).count()
        == 1
    )


def test_the_decision_page_asks_for_the_reason_and_keeps_nothing_half_done(client):
    claim = late_claim()
    line = claim.lines.get()
    sign_in(client, "officer@example.org")
    url = f"/admin/expense_claims/{claim.pk}/decide/"
    assert "Late claim" in client.get(url).content.decode()
    response = client.post(
        url, {"decision": "approve", f"line_{line.pk}": "approved", "late_override": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert LATE_MESSAGE in page
    line.refresh_from_db()
    claim.refresh_from_db()
    assert line.decision == "pending" and claim.status == "submitted"
    response = client.post(
        url,
        {
            "decision": "approve",
            f"line_{line.pk}": "approved",
            "late_override": "Hospital letter seen",
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.approved_total == Decimal("4.50")
    assert claim.late_override_reason == "Hospital letter seen"


def test_the_queue_filters_late_claims(client):
    claim = late_claim()
    sign_in(client, "officer@example.org")
    page = client.get("/admin/expense_claims/?submitted_late=true").content.decode()
    assert claim.reference in page
    on_time = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", submitted_late=False, status="submitted"
    )
    assert on_time.reference not in page


def test_the_override_box_is_only_asked_for_on_a_late_claim(client):
    late = late_claim()
    on_time = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", submitted_late=False, status="submitted"
    )
    sign_in(client, "officer@example.org")
    question = "This claim is late: why approve it anyway?"
    assert (
        question
        in client.get(f"/admin/expense_claims/{late.pk}/decide/").content.decode()
    )
    assert (
        question
        not in client.get(
            f"/admin/expense_claims/{on_time.pk}/decide/"
        ).content.decode()
    )
