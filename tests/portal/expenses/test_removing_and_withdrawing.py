"""A resident takes a cost off a claim they can still change, and withdraws a
pre-approval request still waiting for a decision; never someone else's, and
never once it is sent or decided."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count

from demo.groups import PDF
from portal.accounts.models import User
from portal.core.models import AuditEntry, PrivateFile
from portal.expenses import services
from portal.expenses.models import ExpenseClaim, PreApproval
from tests.conftest import sign_in
from tests.portal.expenses.test_claiming import attended_meeting, start_claim

pytestmark = pytest.mark.django_db

MINE = "/portal/expenses/pre-approvals/"


def remove_url(line):
    return f"/portal/expenses/{line.claim_id}/lines/{line.pk}/remove/"


def withdraw_url(pre_approval):
    return f"/portal/expenses/pre-approvals/{pre_approval.pk}/withdraw/"


def add(client, claim, **data):
    response = client.post(f"/portal/expenses/{claim.pk}/", {"action": "line", **data})
    assert response.status_code == 302, response.content.decode()[:3000]
    return claim.lines.latest("pk")


# Removing a cost


def test_the_claimant_removes_a_cost_and_its_pre_approval_is_free_again(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())
    url = f"/portal/expenses/{claim.pk}/"
    printer = PreApproval.objects.get(claimant__email="resident@example.org")
    add(client, claim, kind="mileage", miles="10")
    line = add(client, claim, kind="equipment", spent="9", pre_approval=printer.pk)
    page = client.get(url).content.decode()
    assert f'action="{remove_url(line)}"' in page
    assert (
        'Remove<span class="visually-hidden"> cost 2: Equipment, £9.00</span>' in page
    )
    assert printer.reference not in page  # in use, so not offered

    response = client.post(remove_url(line), follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(url, 302)]
    assert "Cost removed: Equipment, £9.00." in page
    assert list(claim.lines.values_list("category__kind", flat=True)) == ["mileage"]
    assert printer.reference in page  # offered again
    entry = AuditEntry.objects.get(
        object_id=str(claim.pk), action="expense line removed"
    )
    assert entry.reason == "Equipment: £9.00"
    assert "Expense line removed" in page  # on the claim's timeline
    # ... and it can be used again.
    again = add(client, claim, kind="equipment", spent="9", pre_approval=printer.pk)
    assert again.pre_approval == printer


def test_a_removed_cost_frees_its_receipt_to_be_claimed_again(client):
    sign_in(client, "resident@example.org")
    claim = start_claim(client, attended_meeting())

    def receipt():
        return SimpleUploadedFile(
            "bus.pdf", PDF + b"%bus-ticket", content_type="application/pdf"
        )

    line = add(client, claim, kind="care", hours="2", spent="12", receipt=receipt())
    stored = line.receipt_id
    client.post(remove_url(line))
    assert not claim.lines.exists()
    # There is no shared way to delete private files yet, so the file is kept.
    assert PrivateFile.objects.filter(pk=stored).exists()
    again = add(client, claim, kind="care", hours="2", spent="12", receipt=receipt())
    assert again.receipt.sha256 == PrivateFile.objects.get(pk=stored).sha256


def test_someone_else_cannot_remove_a_cost(client):
    resident = User.objects.get(email="resident@example.org")
    claim = ExpenseClaim.objects.create(
        claimant=resident,
        activity="training",
        description="Course",
        activity_date=attended_meeting().start.date(),
    )
    line = services.claim_add_line(claim=claim, actor=resident, kind="mileage", miles=5)
    chair_line = ExpenseClaim.objects.get(
        claimant__email="chair@example.org", status="draft"
    ).lines.get()
    sign_in(client, "neighbour@example.org")
    assert client.post(remove_url(line)).status_code == 404
    client.logout()
    sign_in(client, "resident@example.org")
    # Another person's line, even under the resident's own claim's address.
    assert client.post(remove_url(chair_line)).status_code == 404
    assert (
        client.post(
            f"/portal/expenses/{claim.pk}/lines/{chair_line.pk}/remove/"
        ).status_code
        == 404
    )
    assert claim.lines.count() == 1 and chair_line.claim.lines.count() == 1
    with pytest.raises(PermissionDenied):
        services.claim_remove_line(line=chair_line, actor=resident)


def test_removing_needs_a_post(client):
    chair_line = ExpenseClaim.objects.get(
        claimant__email="chair@example.org", status="draft"
    ).lines.get()
    sign_in(client, "chair@example.org")
    assert client.get(remove_url(chair_line)).status_code == 405
    assert chair_line.claim.lines.count() == 1


def test_a_sent_claim_refuses_with_a_message_and_shows_no_remove_button(client):
    claim = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", status="submitted"
    )
    line = claim.lines.first()
    sign_in(client, "resident@example.org")
    page = client.get(f"/portal/expenses/{claim.pk}/").content.decode()
    assert "/remove/" not in page
    response = client.post(remove_url(line), follow=True)
    assert response.status_code == 200
    assert "This claim is submitted, so that cannot be done now." in (
        response.content.decode()
    )
    assert claim.lines.count() == 2
    assert not AuditEntry.objects.filter(action="expense line removed").exists()


@pytest.mark.parametrize("status", ["approved", "paid", "rejected"])
def test_a_decided_claim_refuses_removal(status):
    # The demo's chair has several paid claims (two years of them): any one will do.
    claim = (
        ExpenseClaim.objects.filter(claimant__email="chair@example.org", status=status)
        .annotate(n_lines=Count("lines"))
        .filter(n_lines=1)
        .latest("pk")
    )
    with pytest.raises(ValidationError, match="so that cannot be done now"):
        services.claim_remove_line(line=claim.lines.get(), actor=claim.claimant)
    assert claim.lines.count() == 1


def test_a_queried_claim_may_swap_a_cost_but_keeps_at_least_one(client):
    claim = ExpenseClaim.objects.get(
        claimant__email="chair@example.org", status="queried"
    )
    taxi = claim.lines.get()
    sign_in(client, "chair@example.org")
    response = client.post(remove_url(taxi), follow=True)
    assert "it must keep at least one cost" in response.content.decode()
    assert claim.lines.count() == 1
    add(client, claim, kind="taxi", spent="8.50", reason="No bus after 9pm")
    response = client.post(remove_url(taxi), follow=True)
    assert "Cost removed: Taxi, £9.00." in response.content.decode()
    assert list(claim.lines.values_list("amount", flat=True)) == [D("8.50")]
    claim.refresh_from_db()
    assert claim.status == "queried"


def test_a_draft_holds_its_share_of_a_yearly_cap_until_the_cost_is_removed():
    """Drafts count against a yearly cap on purpose: the amount is fixed when the
    cost is added, so two drafts must not each take the whole cap. Removing the
    cost gives its share back."""
    from portal.expenses.selectors import policy_on

    resident = User.objects.get(email="resident@example.org")
    day = attended_meeting().start.date()
    policy_on(day).categories.filter(kind="phone").update(yearly_cap=D("15"))

    def draft():
        return ExpenseClaim.objects.create(
            claimant=resident, activity="group", description="Calls", activity_date=day
        )

    first = services.claim_add_line(
        claim=draft(), actor=resident, kind="phone", spent=D("10")
    )
    second = services.claim_add_line(
        claim=draft(), actor=resident, kind="phone", spent=D("10")
    )
    assert (first.amount, second.amount) == (D("10.00"), D("5.00"))
    services.claim_remove_line(line=first, actor=resident)
    third = services.claim_add_line(
        claim=draft(), actor=resident, kind="phone", spent=D("10")
    )
    assert third.amount == D("10.00")


# Withdrawing a pre-approval request


def test_a_resident_withdraws_a_request_waiting_for_a_decision(client):
    sign_in(client, "chair@example.org")
    bag = PreApproval.objects.get(claimant__email="chair@example.org")
    page = client.get(MINE).content.decode()
    assert f'action="{withdraw_url(bag)}"' in page
    assert (
        f'Withdraw<span class="visually-hidden"> request {bag.reference}: '
        "A laptop bag</span>" in page
    )
    response = client.post(withdraw_url(bag), follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(MINE, 302)]
    assert f"You withdrew {bag.reference}: A laptop bag." in page
    assert withdraw_url(bag) not in page
    bag.refresh_from_db()
    assert bag.status == "withdrawn" and bag.decided_at is not None
    assert bag.decided_by is None
    entry = AuditEntry.objects.get(
        object_id=str(bag.pk), action="expense pre-approval withdrawn"
    )
    assert (entry.actor.email, entry.from_state, entry.to_state) == (
        "chair@example.org",
        "pending",
        "withdrawn",
    )
    # Staff can no longer decide it.
    officer = User.objects.get(email="officer@example.org")
    with pytest.raises(ValidationError, match="already decided"):
        services.pre_approval_decide(pre_approval=bag, actor=officer, approve=True)
    # Withdrawing twice is explained, not an error page.
    response = client.post(withdraw_url(bag), follow=True)
    assert f"You have already withdrawn {bag.reference}." in response.content.decode()


def test_a_decided_request_cannot_be_withdrawn(client):
    printer = PreApproval.objects.get(claimant__email="resident@example.org")
    sign_in(client, "resident@example.org")
    assert withdraw_url(printer) not in client.get(MINE).content.decode()
    response = client.post(withdraw_url(printer), follow=True)
    assert (
        f"{printer.reference} is already decided (approved), so it cannot be "
        "withdrawn." in response.content.decode()
    )
    printer.refresh_from_db()
    assert printer.status == "approved"
    assert not AuditEntry.objects.filter(
        action="expense pre-approval withdrawn"
    ).exists()


def test_someone_else_cannot_withdraw_a_request(client):
    bag = PreApproval.objects.get(claimant__email="chair@example.org")
    sign_in(client, "resident@example.org")
    assert client.post(withdraw_url(bag)).status_code == 404
    bag.refresh_from_db()
    assert bag.status == "pending"
    with pytest.raises(PermissionDenied):
        services.pre_approval_withdraw(
            pre_approval=bag, actor=User.objects.get(email="resident@example.org")
        )


def test_withdrawing_needs_a_post(client):
    bag = PreApproval.objects.get(claimant__email="chair@example.org")
    sign_in(client, "chair@example.org")
    assert client.get(withdraw_url(bag)).status_code == 405
    bag.refresh_from_db()
    assert bag.status == "pending"
