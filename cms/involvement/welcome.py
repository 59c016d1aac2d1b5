from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part

from .models import InvolvementIndexPage


@welcome_part
def ways_to_take_part(person, home, *, easy_read=False) -> str:
    index = InvolvementIndexPage.objects.live().filter(locale__language_code="en-gb")
    page = index.only("url_path").first()
    if page is None:
        return ""
    page = page.localized
    values = {"url": page.get_full_url() or site_url(page.url or "/")}
    if easy_read:
        return (
            _(
                "There are lots of ways to take part.\n"
                "Some take only 5 minutes.\n"
                "See them all here: %(url)s"
            )
            % values
        )
    return (
        _("Ways to get involved, from a five-minute survey to joining a panel: %(url)s")
        % values
    )
