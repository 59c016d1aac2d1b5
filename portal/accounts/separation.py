"""Who a resident's home claim belongs to (for portal.core.separation): the
resident, and the home they claim (so nobody checks a claim to their own home)."""

from portal.core.separation import belongs_to, parties

from .models import ResidentProfile


@belongs_to(ResidentProfile)
def _home_claim(profile):
    return parties(people=[profile.user_id], homes=[profile.home_id])
