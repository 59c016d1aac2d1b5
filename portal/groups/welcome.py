from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part

from .selectors import groups_covering, recognised_groups


@welcome_part
def local_group(person, home) -> str:
    names = list(
        recognised_groups()
        .filter(pk__in=groups_covering(home).values("pk"))
        .values_list("name", flat=True)
    )
    if not names:
        return _(
            "There is no recognised residents' group for your home yet. You can "
            "start one with your neighbours: %(url)s"
        ) % {"url": site_url(reverse("groups:mine"))}
    return _(
        "Your local residents' group: %(names)s. See what it does and how to "
        "reach it: %(url)s"
    ) % {"names": ", ".join(names), "url": site_url(reverse("group_directory"))}
