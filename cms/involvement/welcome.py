from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part

from .models import InvolvementIndexPage


@welcome_part
def ways_to_take_part(person, home) -> str:
    index = InvolvementIndexPage.objects.live().filter(locale__language_code="en-gb")
    page = index.only("url_path").first()
    if page is None:
        return ""
    page = page.localized
    return _(
        "Ways to get involved, from a five-minute survey to joining a panel: %(url)s"
    ) % {"url": page.get_full_url() or site_url(page.url or "/")}
