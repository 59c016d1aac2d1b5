from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part


@welcome_part
def claim_expenses(person, home, *, easy_read=False) -> str:
    url = site_url(reverse("expenses:mine"))
    if easy_read:
        return _(
            "Taking part should not cost you money.\n"
            "We can pay you back for things like bus fares and care.\n"
            "Ask for your money back here: %(url)s"
        ) % {"url": url}
    return _(
        "Taking part should never cost you money. Claim travel, care and other "
        "costs here: %(url)s"
    ) % {"url": url}
