"""A claimant withdraws their own expense claim before it is decided (issue 15):
never someone else's, never once it is approved, paid or refused. A withdrawn
claim leaves the mileage ledger and frees its share of a yearly cap and its
pre-approvals, exactly like a refused one; approvers can no longer decide it."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from portal.accounts.models import User
from portal.core.models import AuditEntry
from portal.expenses import services
from portal.expenses.models import ExpenseCategory, ExpenseClaim, PreApproval
from portal.expenses.selectors import pre_approvals_to_use, tax_year_mileage
from tests.concurrency import race_with_messages
from tests.conftest import sign_in
from tests.portal.expenses import test_ledger as ledger_tests
from tests.portal.expenses.test_ledger import DAYS, approve, claim_for, line_of

pytestmark = pytest.mark.django_db
D = Decimal
S = ExpenseClaim.Status

# The ledger tests' clean policy (45p, then 25p after 10,000 miles) and people.
policy = ledger_tests.policy
claimant = ledger_tests.claimant
officer = ledger_tests.officer


def claim_in(state, claimant, officer) -> ExpenseClaim:
    """A claim of `claimant` in `state`, made through the services."""
    if state == S.DRAFT:
        return claim_for(claimant, miles=[10], send=False)
    if state == S.SECOND_APPROVAL:  # £135.00 is over the £100 threshold
        claim = claim_for(claimant, miles=[300])
        return approve(claim, officer)
    claim = claim_for(claimant, miles=[10])
    if state == S.QUERIED:
        services.claim_query(claim=claim, actor=officer, question="Which route?")
    elif state == S.REJECTED:
        services.claim_reject(claim=claim, actor=officer, reason="Not our meeting")
    elif state in (S.APPROVED, S.PAID):
        approve(claim, officer)
        if state == S.PAID:
            services.claim_payment_settled(
                claim=claim, payment=SimpleNamespace(status="paid"), actor=officer
            )
    claim.refresh_from_db()
    assert claim.status == state
    return claim


def test_the_withdraw_move_is_data():
    rows = ExpenseClaim.lifecycle.table()
    table = {name: (sources, to) for name, sources, to in rows}
    assert table["withdraw"] == (
        ["draft", "queried", "second_approval", "submitted"],
        "withdrawn",
    )
    for decided in ("approved", "paid", "payment_failed", "rejected", "withdrawn"):
        assert "withdraw" not in ExpenseClaim.lifecycle.moves_from(decided)


@pytest.mark.parametrize(
    "state", [S.DRAFT, S.SUBMITTED, S.QUERIED, S.SECOND_APPROVAL], ids=str
)
def test_the_claimant_withdraws_a_claim_not_yet_decided_and_it_is_audited(
    claimant, officer, state
):
    claim = claim_in(state, claimant, officer)
    withdrawn = services.claim_withdraw(
        claim=claim, actor=claimant, reason="  Went by bus in the end  "
    )
    assert withdrawn.status == claim.status == S.WITHDRAWN
    assert withdrawn.decided_at is not None
    entry = AuditEntry.objects.get(
        object_id=str(claim.pk), action="expense claim withdrawn"
    )
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        claimant,
        state,
        "withdrawn",
        "Went by bus in the end",
    )
    assert entry.action_label == "Claim withdrawn by the claimant"


@pytest.mark.parametrize("state", [S.APPROVED, S.PAID, S.REJECTED], ids=str)
def test_a_decided_claim_cannot_be_withdrawn(claimant, officer, state):
    claim = claim_in(state, claimant, officer)
    label = S(state).label.lower()
    with pytest.raises(ValidationError) as refused:
        services.claim_withdraw(claim=claim, actor=claimant)
    assert refused.value.messages == [
        f"Claim {claim.reference} is already decided ({label}), so it cannot be "
        "withdrawn."
    ]
    claim.refresh_from_db()
    assert claim.status == state
    assert not AuditEntry.objects.filter(action="expense claim withdrawn").exists()


def test_withdrawing_twice_says_it_is_already_withdrawn(claimant, officer):
    claim = claim_in(S.SUBMITTED, claimant, officer)
    services.claim_withdraw(claim=claim, actor=claimant)
    with pytest.raises(ValidationError, match="You have already withdrawn claim"):
        services.claim_withdraw(claim=claim, actor=claimant)
    assert AuditEntry.objects.filter(action="expense claim withdrawn").count() == 1


def test_nobody_else_may_withdraw_a_claim(client, claimant, officer):
    claim = claim_in(S.SUBMITTED, claimant, officer)
    neighbour = User.objects.get(email="neighbour@example.org")
    for someone in (neighbour, officer):  # not even an approver
        with pytest.raises(PermissionDenied):
            services.claim_withdraw(claim=claim, actor=someone)
    sign_in(client, "neighbour@example.org")
    url = f"/portal/expenses/{claim.pk}/withdraw/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == S.SUBMITTED
    assert not AuditEntry.objects.filter(action="expense claim withdrawn").exists()


# The staff dealing with it are told --------------------------------------------


def _told(subject_part):
    from portal.core.models import Notification

    return Notification.objects.filter(subject__contains=subject_part)


def test_the_staff_dealing_with_a_claim_are_told_it_was_withdrawn(claimant, officer):
    claim = claim_in(S.QUERIED, claimant, officer)  # the officer asked about it
    services.claim_withdraw(claim=claim, actor=claimant, reason="Went by bus")
    told = _told(f"Expenses claim {claim.reference} was withdrawn")
    assert set(told.values_list("recipient__email", flat=True)) == {
        "officer@example.org"
    }
    message = told.first()
    assert "Lee withdrew expenses claim" in message.body
    assert "nothing more to do on it" in message.body
    assert "Their reason: Went by bus" in message.body
    assert not told.filter(recipient=claimant).exists()


def test_the_first_and_second_approvers_of_a_big_claim_are_told(claimant, officer):
    claim = claim_in(S.SECOND_APPROVAL, claimant, officer)
    admin = User.objects.get(email="admin@example.org")
    services.claim_query(claim=claim, actor=admin, question="Which route?")
    services.claim_withdraw(claim=claim, actor=claimant)
    told = _told(f"Expenses claim {claim.reference} was withdrawn")
    assert set(told.values_list("recipient__email", flat=True)) == {
        "officer@example.org",
        "admin@example.org",
    }
    assert "Their reason" not in told.first().body


def test_with_nobody_on_it_yet_the_involvement_officers_are_told(claimant, officer):
    from portal.accounts.roles import INVOLVEMENT_OFFICERS

    claim = claim_in(S.SUBMITTED, claimant, officer)  # in the queue, untouched
    services.claim_withdraw(claim=claim, actor=claimant)
    told = _told(f"Expenses claim {claim.reference} was withdrawn")
    officers = set(
        User.objects.filter(
            groups__name=INVOLVEMENT_OFFICERS, is_active=True
        ).values_list("email", flat=True)
    )
    assert officers and "finance@example.org" not in officers
    assert set(told.values_list("recipient__email", flat=True)) == officers


def test_withdrawing_a_draft_tells_no_staff(claimant, officer):
    claim = claim_in(S.DRAFT, claimant, officer)
    services.claim_withdraw(claim=claim, actor=claimant)
    assert not _told(f"Expenses claim {claim.reference} was withdrawn").exists()


# Through the pages -------------------------------------------------------------


def test_the_resident_withdraws_from_the_claim_page_after_a_confirmation(client):
    claim = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", status="submitted"
    )
    sign_in(client, "resident@example.org")
    page_url = f"/portal/expenses/{claim.pk}/"
    url = f"/portal/expenses/{claim.pk}/withdraw/"
    page = client.get(page_url).content.decode()
    assert f'href="{url}"' in page and "Withdraw this claim" in page

    confirm = client.get(url).content.decode()
    claim.refresh_from_db()
    assert claim.status == S.SUBMITTED  # looking changes nothing
    assert "we will stop looking at it and we will not pay it" in confirm
    assert "you can start a new claim" in confirm
    assert 'name="csrfmiddlewaretoken"' in confirm
    assert 'method="post"' in confirm and 'name="reason"' in confirm
    assert f'href="{page_url}"' in confirm  # keep it and go back

    response = client.post(url, {"reason": "Claimed twice by mistake"}, follow=True)
    assert response.redirect_chain == [(page_url, 302)]
    page = response.content.decode()
    assert f"You withdrew claim {claim.reference}. We will not pay it." in page
    assert "Status: <strong>Withdrawn</strong>" in page
    assert "Claim withdrawn by the claimant" in page  # on the timeline
    assert f'href="{url}"' not in page
    claim.refresh_from_db()
    assert claim.status == S.WITHDRAWN
    entry = AuditEntry.objects.get(
        object_id=str(claim.pk), action="expense claim withdrawn"
    )
    assert entry.reason == "Claimed twice by mistake"
    # No longer among the claims in progress on the dashboard card.
    dashboard = client.get("/portal/").content.decode()
    assert f"/portal/expenses/{claim.pk}/" not in dashboard


@pytest.mark.parametrize("status", ["approved", "paid", "rejected"])
def test_a_decided_claim_offers_no_withdrawal_and_refuses_it_plainly(client, status):
    claim = ExpenseClaim.objects.filter(
        claimant__email="chair@example.org", status=status
    ).first()
    sign_in(client, "chair@example.org")
    page = client.get(f"/portal/expenses/{claim.pk}/").content.decode()
    assert "/withdraw/" not in page
    for send in (client.get, client.post):
        response = send(f"/portal/expenses/{claim.pk}/withdraw/", follow=True)
        assert response.status_code == 200
        label = S(status).label.lower()
        assert (
            f"Claim {claim.reference} is {label}, so it cannot be withdrawn."
            in response.content.decode().replace("&#x27;", "'")
        )
    claim.refresh_from_db()
    assert claim.status == status


def test_the_withdraw_pages_keep_a_flat_query_count(client, claimant):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The same claim, with a short and a long history of earlier claims. (The
    # claimant's own checks cost one query per line: `claim_checks`.)
    small = claim_for(claimant, DAYS[1], miles=[10, 10])
    for _ in range(8):
        claim_for(claimant, DAYS[0], miles=[10])
    large = claim_for(claimant, DAYS[2], miles=[10, 10])
    client.force_login(claimant)
    client.get("/portal/expenses/")  # the session and the site, once
    counts = []
    for claim in (small, large):
        urls = [
            f"/portal/expenses/{claim.pk}/withdraw/",
            f"/portal/expenses/{claim.pk}/",
        ]
        seen = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            seen.append(len(queries))
        services.claim_withdraw(claim=claim, actor=claimant)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(urls[1]).status_code == 200
        seen.append(len(queries))
        counts.append(seen)
    # Confirmation page, claim page, the claim page once withdrawn (the
    # claimant holds no permission, which their user row says:
    # `portal.accounts.backends`).
    assert counts == [[3, 10, 10], [3, 10, 10]], counts


# Leaving the ledger, caps and pre-approvals ----------------------------------------


@pytest.mark.parametrize("first_approved", [False, True], ids=["sent", "half-approved"])
def test_a_withdrawn_claim_leaves_the_mileage_ledger_and_later_lines_are_re_priced(
    client, claimant, officer, first_approved
):
    claim_for(claimant, DAYS[0], miles=[2000] * 4)  # 8,000 miles at 45p
    early = claim_for(claimant, DAYS[1], miles=[1990])  # 9,990 now
    if first_approved:  # £895.50 waits for a second approver, its price held
        early = approve(early, officer)
        assert early.status == S.SECOND_APPROVAL
    later = claim_for(claimant, DAYS[3], miles=[20])  # 10 at 45p, 10 at 25p
    assert line_of(later).amount == D("7.00")

    services.claim_withdraw(claim=early, actor=claimant)

    line = line_of(later)
    assert (line.amount, line.sent_amount, line.miles_at_rate) == (
        D("9.00"),
        D("7.00"),
        20,
    )  # 20 at 45p: the band has room again
    assert line.explanation.startswith("20 miles at 45p a mile")
    (row,) = tax_year_mileage(day=DAYS[3])
    assert row["miles"] == 8020  # the withdrawn 1,990 miles are not counted
    # The claimant is told in plain English on their own claim page.
    client.force_login(claimant)
    page = client.get(f"/portal/expenses/{later.pk}/").content.decode()
    assert "Price changed since you sent this claim: £7.00 → £9.00" in page
    assert "Your miles earlier in the tax year changed" in page
    # ... and the approver sees the same change, from the same stored amount.
    client.logout()
    sign_in(client, "officer@example.org")
    page = client.get(f"/admin/expense_claims/{later.pk}/decide/").content.decode()
    assert "Price changed since the claim was sent: £7.00 → £9.00" in page


def test_an_unchanged_price_says_nothing_about_a_change(client, claimant):
    claim = claim_for(claimant, DAYS[3], miles=[20])
    client.force_login(claimant)
    page = client.get(f"/portal/expenses/{claim.pk}/").content.decode()
    assert "Price changed" not in page


def test_a_withdrawn_claim_frees_its_yearly_cap_share_and_pre_approval(
    policy, claimant, officer
):
    ExpenseCategory.objects.create(
        policy=policy, kind="phone", name="Phone", yearly_cap=D("10")
    )
    ExpenseCategory.objects.create(
        policy=policy, kind="equipment", name="Equipment", needs_pre_approval=True
    )
    printer = PreApproval.objects.create(
        claimant=claimant,
        kind="equipment",
        description="Printer ink",
        reason="Minutes",
        estimated_cost=D("9"),
        status=PreApproval.Status.APPROVED,
    )
    first = claim_for(claimant, DAYS[1], send=False)
    services.claim_add_line(claim=first, actor=claimant, kind="phone", spent=D("10"))
    services.claim_add_line(
        claim=first,
        actor=claimant,
        kind="equipment",
        spent=D("9"),
        pre_approval=printer,
    )
    services.claim_submit(claim=first, actor=claimant, declared=True, today=DAYS[1])
    second = claim_for(claimant, DAYS[2], send=False)
    with pytest.raises(ValidationError, match="already been paid the most"):
        services.claim_add_line(claim=second, actor=claimant, kind="phone", spent=5)
    with pytest.raises(ValidationError, match="already used on claim"):
        services.claim_add_line(
            claim=second,
            actor=claimant,
            kind="equipment",
            spent=9,
            pre_approval=printer,
        )
    assert printer not in pre_approvals_to_use(claimant)

    services.claim_withdraw(claim=first, actor=claimant)

    assert services.spent_in_tax_year(user=claimant, kind="phone", day=DAYS[2]) == 0
    phone = services.claim_add_line(
        claim=second, actor=claimant, kind="phone", spent=D("5")
    )
    assert phone.amount == D("5.00")
    assert list(pre_approvals_to_use(claimant)) == [printer]
    equipment = services.claim_add_line(
        claim=second,
        actor=claimant,
        kind="equipment",
        spent=D("9"),
        pre_approval=printer,
    )
    assert equipment.pre_approval == printer


# The approvers ----------------------------------------------------------------


def test_approving_or_deciding_after_withdrawal_is_refused_plainly(
    client, claimant, officer
):
    claim = claim_in(S.SUBMITTED, claimant, officer)
    line = line_of(claim)
    sign_in(client, "officer@example.org")
    url = f"/admin/expense_claims/{claim.pk}/decide/"
    assert "Record the decision" in client.get(url).content.decode()
    queue = f"/admin/expense_claims/?status={S.SUBMITTED}"
    assert claim.reference in client.get(queue).content.decode()

    services.claim_withdraw(claim=claim, actor=claimant)

    refused = f"The claimant withdrew claim {claim.reference}, so it cannot be"
    for attempt in (
        lambda: services.line_decide(line=line, actor=officer, decision="approved"),
        lambda: services.claim_approve(claim=claim, actor=officer),
        lambda: services.claim_reject(claim=claim, actor=officer, reason="No"),
        lambda: services.claim_query(claim=claim, actor=officer, question="Why?"),
    ):
        with pytest.raises(ValidationError, match=refused):
            attempt()
    page = client.get(url).content.decode()
    assert "The claimant withdrew this claim" in page
    assert "Record the decision" not in page and 'name="decision"' not in page
    response = client.post(url, {"decision": "approve", f"line_{line.pk}": "approved"})
    assert response.status_code == 200
    assert refused in response.content.decode()
    claim.refresh_from_db()
    line.refresh_from_db()
    assert (claim.status, line.decision) == (S.WITHDRAWN, "pending")
    assert claim.reference not in client.get(queue).content.decode()
    assert not AuditEntry.objects.filter(
        object_id=str(claim.pk), action__in=["expense claim approved"]
    ).exists()


@pytest.mark.postgres
def test_withdrawal_and_approval_at_once_leave_one_outcome(demo_data):
    """The resident withdraws while an officer approves from the decision screen:
    one wins, the other is told plainly what happened."""
    claim = ExpenseClaim.objects.get(
        claimant__email="resident@example.org", status="submitted"
    )
    resident = User.objects.get(email="resident@example.org")
    officer = User.objects.get(email="officer@example.org")
    # Under the second-approval threshold: one approval decides it.
    assert sum(line.amount for line in claim.lines.all()) <= D("100")

    def approve_as_the_screen_does():
        fresh = ExpenseClaim.objects.get(pk=claim.pk)
        with transaction.atomic():  # all or nothing, like the decision screen
            for line in fresh.lines.all():
                services.line_decide(line=line, actor=officer, decision="approved")
            services.claim_approve(claim=fresh, actor=officer)

    (withdrawn, withdraw_message), (approved, approve_message) = race_with_messages(
        lambda: services.claim_withdraw(
            claim=ExpenseClaim.objects.get(pk=claim.pk), actor=resident
        ),
        approve_as_the_screen_does,
    )
    assert sorted([withdrawn, approved]) == ["done", "refused"]
    claim.refresh_from_db()
    if withdrawn == "done":
        assert claim.status == S.WITHDRAWN
        assert approve_message == (
            f"The claimant withdrew claim {claim.reference}, so it cannot be "
            "changed or decided now."
        )
        assert set(claim.lines.values_list("decision", flat=True)) == {"pending"}
    else:
        assert claim.status in (S.APPROVED, S.SECOND_APPROVAL)
        assert withdraw_message == (
            f"Claim {claim.reference} is already decided "
            f"({claim.get_status_display().lower()}), so it cannot be withdrawn."
        )
    decided = AuditEntry.objects.filter(
        object_id=str(claim.pk),
        action__in=[
            "expense claim withdrawn",
            "expense claim approved",
            "expense claim first approval",
        ],
    )
    assert decided.count() == 1
