"""The mileage band as a ledger, one per claimant and tax year (issue 15).

The first `band_miles` miles of a tax year are paid at the first rate, the rest
at the lower one. Which miles are "first" is decided by one order everyone can
follow: lines by the date of the activity, then by when each line was added
(then by id). A line's price is worked out from all the counted miles before it
in that order, same-day lines included.

- Counted: lines on claims that have been sent (sent, queried, waiting for a
  second approval, approved, paid, payment failed). Drafts hold no place in
  anyone else's ledger; a draft's own lines are priced as if it were sent now.
  Refused or withdrawn claims and refused lines count nothing; a line allowed
  at fewer miles counts the miles allowed.
- Settled: from the first approval on, a line's price never changes. Its share of
  the first-rate band (`miles_at_rate`) is held, so a line dated earlier but added
  after it cannot take the same first-rate miles again: the miles before an open
  line are the counted miles before it plus the first-rate miles of settled lines
  after it.
- Everything else is re-priced whenever the ledger changes (a line added, removed,
  refused or reduced; a claim sent, queried, refused or withdrawn), under the
  claimant's row lock, so the approver always sees and approves the price as it
  stands.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model

from .calculator import calculate, tax_year_end, tax_year_start
from .models import ENDED_UNPAID, ExpenseClaim, ExpenseLine

S = ExpenseClaim.Status
COUNTED = frozenset(
    {
        S.SUBMITTED,
        S.QUERIED,
        S.SECOND_APPROVAL,
        S.APPROVED,
        S.PAID,
        S.PAYMENT_FAILED,
    }
)
SETTLED = frozenset({S.SECOND_APPROVAL, S.APPROVED, S.PAID, S.PAYMENT_FAILED})
REPRICED_FIELDS = ["amount", "explanation", "miles_at_rate", "approved_amount"]


def lock_claimant(claimant_id) -> None:
    """One person's ledger changes one step at a time, even from two claims or
    two approvers at once: their user row is the lock."""
    get_user_model().objects.select_for_update().filter(pk=claimant_id).first()


def ledger_key(line):
    return (line.claim.activity_date, line.added_at, line.pk or 0)


def counted_miles(line) -> int:
    if line.decision == ExpenseLine.Decision.REJECTED:
        return 0
    return line.miles if line.miles_allowed is None else line.miles_allowed


def is_settled(line) -> bool:
    return line.claim.status in SETTLED


def miles_before(entries) -> list[int]:
    """For each line of `entries` (in ledger order): the miles that come before it,
    i.e. counted miles earlier in the order plus the first-rate miles that
    settled lines later in the order already hold."""
    held_after = [0] * (len(entries) + 1)
    for i in range(len(entries) - 1, -1, -1):
        line = entries[i]
        held_after[i] = held_after[i + 1] + (
            line.miles_at_rate if is_settled(line) else 0
        )
    out, running = [], 0
    for i, line in enumerate(entries):
        out.append(running + held_after[i + 1])
        running += counted_miles(line)
    return out


def _price(line, before) -> bool:
    """Re-price one open line in place; True if anything changed."""
    allowed = counted_miles(line)
    if is_settled(line) or allowed <= 0:
        return False
    full = calculate(
        category=line.category,
        miles=line.miles,
        passengers=line.passengers,
        miles_before=before,
    )
    counted = full
    if line.miles_allowed is not None and allowed != line.miles:
        counted = calculate(
            category=line.category,
            miles=allowed,
            passengers=line.passengers,
            miles_before=before,
        )
    old = [getattr(line, name) for name in REPRICED_FIELDS]
    line.amount, line.explanation = full.amount, full.explanation
    line.miles_at_rate = counted.miles_at_rate
    D = ExpenseLine.Decision
    if line.decision == D.APPROVED:
        line.approved_amount = full.amount
    elif line.decision == D.REDUCED:
        if line.miles_allowed is not None:
            line.approved_amount = counted.amount
        elif line.approved_amount is not None:
            line.approved_amount = min(line.approved_amount, full.amount)
    return old != [getattr(line, name) for name in REPRICED_FIELDS]


def _reprice(entries, own) -> list:
    own_ids = {id(line) for line in own}
    changed = []
    for line, before in zip(entries, miles_before(entries), strict=True):
        if id(line) in own_ids and _price(line, before):
            changed.append(line)
    return changed


def reprice_mileage(*, claimant_id, day) -> list:
    """Re-price every open mileage line of the claimant in the tax year of `day`
    (the caller holds `lock_claimant`). Returns the lines whose price changed."""
    lines = sorted(
        ExpenseLine.objects.filter(
            claim__claimant_id=claimant_id,
            claim__activity_date__gte=tax_year_start(day),
            claim__activity_date__lte=tax_year_end(day),
            category__kind="mileage",
        )
        .exclude(claim__status__in=ENDED_UNPAID)
        .select_related("claim", "category"),
        key=ledger_key,
    )
    counted = [line for line in lines if line.claim.status in COUNTED]
    changed = _reprice(counted, counted)
    drafts = defaultdict(list)
    for line in lines:
        if line.claim.status == S.DRAFT:
            drafts[line.claim_id].append(line)
    for own in drafts.values():
        changed += _reprice(sorted(counted + own, key=ledger_key), own)
    if changed:
        ExpenseLine.objects.bulk_update(changed, REPRICED_FIELDS)
    return changed
