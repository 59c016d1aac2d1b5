"""Who a sign-up row belongs to (for portal.core.separation)."""

from portal.core.separation import belongs_to, parties

from .models import Signature


@belongs_to(Signature)
def _signature(signature):
    return parties(
        people=[signature.signer_id],
        groups=[signature.group_id],
        homes=[signature.home_id],
    )
