"""The mileage band as a ledger (issue 15): lines ordered by activity date, then by
when they were added; open lines re-priced whenever the ledger changes; prices
fixed from the first approval on; plausibility checks flag, never block."""

import datetime
import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.accounts.models import User
from portal.core.money import to_pence
from portal.expenses import services
from portal.expenses.models import (
    ExpenseCategory,
    ExpenseClaim,
    ExpenseLine,
    ExpensePolicy,
)
from portal.expenses.selectors import plausibility_checks
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
D = Decimal
BAND = 10000
DAYS = [datetime.date(2026, m, d) for m, d in ((5, 1), (7, 1), (9, 1), (11, 2))]
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
        band_miles=BAND,
        rate_after_band=D("0.25"),
        passenger_rate=D("0.05"),
    )
    ExpenseCategory.objects.create(
        policy=policy, kind="care", name="Childcare", rate=D("7")
    )
    return policy


@pytest.fixture
def claimant(policy):
    """One claimant with a clean ledger."""
    return User.objects.create_user(
        email="ledger@example.org", password="Involve-demo-2026", first_name="Lee"
    )


@pytest.fixture
def officer():
    return User.objects.get(email="officer@example.org")


def claim_for(claimant, day=DAYS[-1], miles=(), send=True, **kw):
    claim = ExpenseClaim.objects.create(
        claimant=claimant,
        activity="meeting",
        description="Panel",
        activity_date=day,
        **kw,
    )
    for m in miles:
        services.claim_add_line(claim=claim, actor=claimant, kind="mileage", miles=m)
    if send:
        services.claim_submit(claim=claim, actor=claimant, declared=True, today=day)
    return claim


def line_of(claim) -> ExpenseLine:
    return ExpenseLine.objects.get(claim=claim)


def approve(claim, officer):
    for line in claim.lines.filter(decision="pending"):
        services.line_decide(line=line, actor=officer, decision="approved")
    return services.claim_approve(claim=claim, actor=officer)


# Plain tests, one per defect ------------------------------------------------


def test_removing_a_line_re_prices_the_later_lines(claimant, officer):
    june = claim_for(claimant, DAYS[1], miles=[2000] * 5)  # 10,000 miles
    later = claim_for(claimant, DAYS[3], miles=[20])
    assert line_of(later).amount == D("5.00")  # all past the band: 25p
    services.claim_query(claim=june, actor=officer, question="Which trips?")
    services.claim_remove_line(line=june.lines.first(), actor=claimant)
    assert line_of(later).amount == D("9.00")  # the band has room again: 45p
    assert line_of(later).sent_amount == D("5.00")  # what was sent is kept


def test_refusing_a_claim_or_a_line_re_prices_the_later_lines(claimant, officer):
    first = claim_for(claimant, DAYS[0], miles=[2000] * 4)
    june = claim_for(claimant, DAYS[1], miles=[1990, 20])
    later = claim_for(claimant, DAYS[3], miles=[10])
    assert line_of(later).amount == D("2.50")
    refused_line = june.lines.order_by("pk").first()
    services.line_decide(
        line=refused_line, actor=officer, decision="rejected", reason="Not driven"
    )
    assert june.lines.order_by("pk").last().amount == D("9.00")  # 20 at 45p now
    assert line_of(later).amount == D("4.50")
    services.claim_reject(claim=june, actor=officer, reason="No such meeting")
    assert line_of(later).amount == D("4.50")
    assert first.lines.filter(amount=D("900.00")).count() == 4


def test_allowing_fewer_miles_re_prices_the_line_and_the_later_ones(claimant, officer):
    claim_for(claimant, DAYS[0], miles=[2000] * 4)
    june = claim_for(claimant, DAYS[1], miles=[2000])  # 2,000 at 45p
    later = claim_for(claimant, DAYS[3], miles=[100])
    assert line_of(later).amount == D("25.00")
    line = services.line_decide(
        line=line_of(june),
        actor=officer,
        decision="reduced",
        miles=1900,
        reason="Shorter route",
    )
    assert (line.miles_allowed, line.approved_amount) == (1900, D("855.00"))
    assert line_of(later).amount == D("45.00")  # 100 miles back inside the band
    with pytest.raises(Exception, match="fewer than the 2,000 miles"):
        services.line_decide(
            line=line, actor=officer, decision="reduced", miles=2000, reason="x"
        )


def test_the_approver_sees_the_current_price_with_the_change_and_pays_it(
    client, claimant, officer
):
    claim_for(claimant, DAYS[0], miles=[2000] * 4)
    early = claim_for(claimant, DAYS[1], miles=[1990])
    later = claim_for(claimant, DAYS[3], miles=[20])  # 10 at 45p, 10 at 25p
    assert line_of(later).amount == D("7.00")
    services.claim_reject(claim=early, actor=officer, reason="Duplicate")
    sign_in(client, "officer@example.org")
    url = f"/admin/expense_claims/{later.pk}/decide/"
    page = client.get(url).content.decode()
    assert "20 miles at 45p a mile" in page
    assert "Comes to £9.00." in page
    assert "Price changed since the claim was sent: £7.00 → £9.00" in page
    line = line_of(later)
    response = client.post(url, {"decision": "approve", f"line_{line.pk}": "approved"})
    assert response.status_code == 302
    later.refresh_from_db()
    assert (later.status, later.approved_total) == (S.APPROVED, D("9.00"))


def test_an_approved_line_never_changes_and_keeps_its_share_of_the_band(
    claimant, officer
):
    november = claim_for(claimant, DAYS[3], miles=[2000] * 5)  # the whole band
    approve(november, officer)  # £4,500: waits for a second approver, price fixed
    before = list(november.lines.values_list("amount", "miles_at_rate"))
    # A journey dated earlier, added afterwards, cannot take the same 45p miles.
    june = claim_for(claimant, DAYS[1], miles=[100])
    assert line_of(june).amount == D("25.00")
    services.claim_reject(claim=june, actor=officer, reason="x")
    assert list(november.lines.values_list("amount", "miles_at_rate")) == before
    assert sum(m for _, m in before) == BAND


def test_a_draft_holds_no_place_in_the_band_until_it_is_sent(claimant):
    draft = claim_for(claimant, DAYS[0], miles=[2000] * 5, send=False)
    later = claim_for(claimant, DAYS[3], miles=[10])
    assert line_of(later).amount == D("4.50")
    services.claim_submit(claim=draft, actor=claimant, declared=True, today=DAYS[0])
    assert line_of(later).amount == D("2.50")


# Plausibility checks -----------------------------------------------------------


def test_plausibility_checks_give_the_reason_and_do_not_block(
    client, claimant, officer, policy
):
    for day in DAYS[:3]:
        claim_for(claimant, day, miles=[10])  # usual claim: £4.50
    claim_for(claimant, DAYS[3], miles=[10])
    claim_for(claimant, DAYS[3], miles=[10])
    odd = claim_for(claimant, DAYS[3], miles=[150], send=False)
    services.claim_add_line(
        claim=odd, actor=claimant, kind="care", hours=9, spent=D("9")
    )
    services.claim_submit(claim=odd, actor=claimant, declared=True, today=DAYS[3])
    reasons = [c.reason for c in plausibility_checks(odd)]
    assert reasons == [
        "150 miles for one journey: more than the 100 miles we expect.",
        "9 hours of care: more than the 6 hours we expect.",
        "3 claims by this person for 2 November 2026: more than the 2 we expect "
        "for one day.",
        "This claim (£76.50) is more than 3 times this person's usual claim (£4.50).",
    ]
    odd.refresh_from_db()
    assert odd.checks_flagged == 4
    sign_in(client, "officer@example.org")
    queue = client.get("/admin/expense_claims/").content.decode()
    assert queue.count('w-status--label">Check<') == 1  # only the odd one
    page = client.get(f"/admin/expense_claims/{odd.pk}/decide/").content.decode()
    assert all(reason.replace("'", "&#x27;") in page for reason in reasons)
    # Changing the policy's data changes the checks: nothing is hard-coded.
    policy.long_journey_miles = 200
    policy.care_hours_without_meeting = None
    policy.save()
    assert len(plausibility_checks(odd)) == 2
    approve(odd, officer)  # flags do not block approval
    odd.refresh_from_db()
    assert odd.status == S.APPROVED


def test_care_longer_than_the_meeting_plus_two_hours_is_flagged(claimant):
    from cms.meetings.models import MeetingPage

    meeting = MeetingPage.objects.filter(end__isnull=False).first()
    assert meeting is not None
    length = D((meeting.end - meeting.start).total_seconds()) / 3600
    claim = claim_for(claimant, DAYS[3], send=False, meeting=meeting)
    services.claim_add_line(
        claim=claim, actor=claimant, kind="care", hours=length + 2, spent=D("5")
    )
    assert plausibility_checks(claim) == []
    services.claim_add_line(
        claim=claim, actor=claimant, kind="care", hours=length + 3, spent=D("5")
    )
    (check,) = plausibility_checks(claim)
    assert "more than the meeting plus 2 hours" in check.reason


# Property: the service's prices equal a single-ledger reference ------------------

OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.integers(0, len(DAYS) - 1),
            st.lists(st.integers(1, 2000), min_size=1, max_size=4),
            st.booleans(),
        ),
        st.tuples(st.just("send"), st.integers(0, 30)),
        st.tuples(st.just("remove"), st.integers(0, 30)),
        st.tuples(st.just("refuse"), st.integers(0, 30)),
        st.tuples(st.just("reduce"), st.integers(0, 30), st.integers(1, 1999)),
        st.tuples(st.just("approve"), st.integers(0, 30)),
        st.tuples(st.just("withdraw"), st.integers(0, 30)),
    ),
    max_size=10,
)


def reference(book) -> dict[int, int]:
    """Miles at the first rate for every open, counted line: one ledger in (day,
    order added); settled lines keep the share they had when approved."""
    counted = sorted(
        (
            line
            for claim in book
            if claim["state"] in ("open", "settled")
            for line in claim["lines"]
        ),
        key=lambda line: (line["day"], line["seq"]),
    )
    out = {}
    for i, line in enumerate(counted):
        before = sum(e["allowed"] for e in counted[:i]) + sum(
            e["held"] for e in counted[i + 1 :] if e["held"] is not None
        )
        if line["held"] is None:
            out[line["seq"]] = min(line["allowed"], max(0, BAND - before))
    return out


def paid(miles, at_rate) -> Decimal:
    return to_pence(D("0.45") * at_rate + D("0.25") * (miles - at_rate))


def play(op, book, claimant, officer, seq):
    """Do one step through the services and keep the reference book in step."""

    def pick(k, *states):
        found = [c for c in book if c["state"] in states]
        if "settled" in states:  # only a claim waiting for a second approval
            found = [
                c
                for c in found
                if ExpenseClaim.objects.get(pk=c["claim"].pk).status
                in (S.DRAFT, S.SUBMITTED, S.SECOND_APPROVAL)
            ]
        return found[k % len(found)] if found else None

    kind = op[0]
    if kind == "add":
        _, day, miles, send = op
        claim = claim_for(claimant, DAYS[day], miles=miles, send=send)
        lines = claim.lines.order_by("added_at", "pk")
        book.append(
            {
                "claim": claim,
                "state": "open" if send else "draft",
                "lines": [
                    {
                        "pk": line.pk,
                        "seq": next(seq),
                        "day": DAYS[day],
                        "miles": line.miles,
                        "allowed": line.miles,
                        "held": None,
                    }
                    for line in lines
                ],
            }
        )
    elif kind == "send" and (entry := pick(op[1], "draft")) and entry["lines"]:
        services.claim_submit(
            claim=entry["claim"], actor=claimant, declared=True, today=DAYS[0]
        )
        entry["state"] = "open"
    elif kind == "remove" and (entry := pick(op[1], "draft")) and entry["lines"]:
        gone = entry["lines"].pop(op[1] % len(entry["lines"]))
        services.claim_remove_line(
            line=ExpenseLine.objects.get(pk=gone["pk"]), actor=claimant
        )
    elif kind == "refuse" and (entry := pick(op[1], "open", "settled")):
        services.claim_reject(claim=entry["claim"], actor=officer, reason="No")
        entry["state"] = "refused"
    elif kind == "withdraw" and (entry := pick(op[1], "draft", "open", "settled")):
        # The claimant withdraws (a draft, a sent claim, or one waiting for a
        # second approval): the reference treats it exactly like a refusal.
        services.claim_withdraw(claim=entry["claim"], actor=claimant)
        entry["state"] = "refused"
    elif kind == "reduce" and (entry := pick(op[1], "open")):
        line = entry["lines"][op[2] % len(entry["lines"])]
        if line["miles"] > 1 and line["allowed"] == line["miles"]:
            line["allowed"] = min(op[2], line["miles"] - 1)
            services.line_decide(
                line=ExpenseLine.objects.get(pk=line["pk"]),
                actor=officer,
                decision="reduced",
                miles=line["allowed"],
                reason="Shorter route",
            )
    elif kind == "approve" and (entry := pick(op[1], "open")):
        expected = reference(book)
        approve(entry["claim"], officer)
        for line in entry["lines"]:
            line["held"] = expected[line["seq"]]
            saved = ExpenseLine.objects.get(pk=line["pk"])
            line["fixed"] = (saved.amount, saved.approved_amount)
        entry["state"] = "settled"


def check(book, claimant):
    """Every open line is priced as the reference says; approved lines never
    change; never more than the band at the first rate."""
    expected = reference(book)
    saved = {
        line.pk: line for line in ExpenseLine.objects.filter(claim__claimant=claimant)
    }
    at_first_rate = 0
    for claim in book:
        if claim["state"] not in ("open", "settled"):
            continue
        for line in claim["lines"]:
            row = saved[line["pk"]]
            at_first_rate += row.miles_at_rate
            if line["held"] is not None:
                assert (row.amount, row.approved_amount) == line["fixed"]
                assert row.miles_at_rate == line["held"]
                continue
            assert row.miles_at_rate == expected[line["seq"]]
            pays = row.approved_amount if row.miles_allowed else row.amount
            assert pays == paid(line["allowed"], expected[line["seq"]])
    assert at_first_rate <= BAND


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
@example(  # the whole band approved, then an earlier journey added
    ops=[
        ("add", 3, [2000] * 4, True),
        ("add", 3, [2000] * 3, True),
        ("approve", 0),
        ("approve", 0),
        ("add", 0, [700], True),
    ]
)
@example(  # refusals and fewer miles free the band for later lines
    ops=[
        ("add", 1, [2000] * 4, True),
        ("add", 1, [2000, 1500], False),
        ("add", 2, [900], True),
        ("send", 0),
        ("reduce", 0, 1000),
        ("remove", 0),
        ("refuse", 1),
    ]
)
@example(  # withdrawing a draft, a sent claim and a half-approved one
    ops=[
        ("add", 1, [2000] * 4, True),
        ("add", 1, [1990], True),
        ("add", 2, [20], True),
        ("add", 3, [500], False),
        ("approve", 1),
        ("withdraw", 2),
        ("withdraw", 1),
        ("withdraw", 3),
    ]
)
def test_any_sequence_prices_as_one_ledger_and_never_pays_the_band_twice(
    claimant, officer, ops
):
    """Any order of adding (same days, earlier days added later), sending,
    removing, refusing, allowing fewer miles, approving and withdrawing, through
    the services."""
    ExpenseClaim.objects.filter(claimant=claimant).delete()  # one ledger each
    book, seq = [], itertools.count()
    for op in ops:
        play(op, book, claimant, officer, seq)
        check(book, claimant)


def test_a_line_approved_before_another_is_refused_pays_its_new_price(
    claimant, officer
):
    claim_for(claimant, DAYS[0], miles=[2000] * 4, send=True)
    claim = claim_for(claimant, DAYS[3], miles=[1990, 20])
    first, second = claim.lines.order_by("pk")
    assert second.amount == D("7.00")  # 10 at 45p, 10 at 25p
    services.line_decide(line=second, actor=officer, decision="approved")
    services.line_decide(
        line=first, actor=officer, decision="rejected", reason="Not driven"
    )
    claim = services.claim_approve(claim=claim, actor=officer)
    second.refresh_from_db()
    assert (second.amount, second.approved_amount) == (D("9.00"), D("9.00"))
    assert claim.approved_total == D("9.00")


def test_the_decision_screen_costs_the_same_queries_however_long_the_history(
    client, claimant
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, "officer@example.org")
    counts = []
    for earlier in (2, 20):
        while ExpenseClaim.objects.filter(claimant=claimant).count() < earlier:
            claim_for(claimant, DAYS[0], miles=[10])
        claim = claim_for(claimant, DAYS[3], miles=[120, 10])
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/admin/expense_claims/{claim.pk}/decide/")
        assert page.status_code == 200
        assert "120 miles for one journey" in page.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 23, counts  # 2 build the admin menu
