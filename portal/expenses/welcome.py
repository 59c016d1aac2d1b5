from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part


@welcome_part
def claim_expenses(person, home) -> str:
    return _(
        "Taking part should never cost you money. Claim travel, care and other "
        "costs here: %(url)s"
    ) % {"url": site_url(reverse("expenses:mine"))}
