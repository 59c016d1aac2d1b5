"""What every expense claim service checks: who may act (the claimant, or an
approver other than them), that the claim is not withdrawn or already decided,
and re-pricing the mileage ledger. (The second-approval threshold is the claim
lifecycle's, in `models.py`.)"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from portal.core.separation import check_separation

from ..ledger import lock_claimant, reprice_mileage
from ..models import ExpenseClaim

S = ExpenseClaim.Status

APPROVE_PERM = "expenses.approve_expenseclaim"

DECIDED = {S.APPROVED, S.REJECTED, S.PAID, S.PAYMENT_FAILED}


def not_withdrawn(claim) -> None:
    """Said for anything tried on a claim the claimant has withdrawn."""
    if claim.status == S.WITHDRAWN:
        raise ValidationError(
            _(
                "The claimant withdrew claim %(ref)s, so it cannot be changed "
                "or decided now."
            )
            % {"ref": claim.reference}
        )


def claimant_only(actor):
    """The claimant's own moves: their claim, not withdrawn."""

    def check(locked):
        if actor.pk != locked.claimant_id:
            raise PermissionDenied
        not_withdrawn(locked)

    return check


def approver_only(actor):
    """An approver's moves: the permission, never their own claim, their
    household's or their group's (separation of duties), and not one already
    decided, from a copy read before someone else decided it."""

    def check(locked):
        if not actor.has_perm(APPROVE_PERM):
            raise PermissionDenied
        check_separation(
            actor=actor,
            record=locked,
            own_message=_("Nobody may approve their own claim."),
        )
        not_withdrawn(locked)
        if locked.status in DECIDED:
            raise ValidationError(
                _(
                    "Claim %(ref)s has already been decided (%(status)s), so "
                    "that cannot be done now."
                )
                % {
                    "ref": locked.reference,
                    "status": locked.get_status_display().lower(),
                }
            )

    return check


def reprice(claim) -> None:
    """Re-price the claimant's open mileage lines in the claim's tax year (under
    their row lock) after something in their ledger changed; see ledger.py."""
    lock_claimant(claim.claimant_id)
    reprice_mileage(claimant_id=claim.claimant_id, day=claim.activity_date)
