from django.urls import reverse
from django.utils.translation import gettext as _

from portal.accounts.welcome import site_url, welcome_part

from .selectors import groups_covering, recognised_groups


@welcome_part
def local_group(person, home, *, easy_read=False) -> str:
    names = list(
        recognised_groups()
        .filter(pk__in=groups_covering(home).values("pk"))
        .values_list("name", flat=True)
    )
    if not names:
        values = {"url": site_url(reverse("groups:mine"))}
        if easy_read:
            return (
                _(
                    "There is no residents' group near you yet.\n"
                    "You can start one with your neighbours.\n"
                    "Find out how here: %(url)s"
                )
                % values
            )
        return (
            _(
                "There is no recognised residents' group for your home yet. You can "
                "start one with your neighbours: %(url)s"
            )
            % values
        )
    values = {"names": ", ".join(names), "url": site_url(reverse("group_directory"))}
    if easy_read:
        return (
            _(
                "Your local residents' group is: %(names)s.\n"
                "Find out what it does and how to meet them here: %(url)s"
            )
            % values
        )
    return (
        _(
            "Your local residents' group: %(names)s. See what it does and how to "
            "reach it: %(url)s"
        )
        % values
    )
