"""Who a training sign-up belongs to (for portal.core.separation): nobody
records their own attendance, or their household's."""

from portal.core.separation import belongs_to, parties

from .models import SignUp


@belongs_to(SignUp)
def _sign_up(sign_up):
    return parties(people=[sign_up.person_id])
