"""The portal's section menu and breadcrumbs, worked out from the URL's name.

Feature apps are named here only by their URL names (never imported), so
`portal.core` stays below them. A section lists the URL namespaces (and, where
one namespace holds two sections, the URL names) that belong to it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    namespaces: tuple[str, ...] = ()
    url_names: tuple[str, ...] = ()  # "namespace:name" owned by this section
    permission: str = ""  # shown only to people with this permission
    url_args: tuple = ()

    def url(self) -> str:
        return reverse(self.url_name, args=self.url_args)


SECTIONS = (
    Section("account", _("My account"), "portal:dashboard", ("portal",)),
    Section(
        "involvement",
        _("My involvement"),
        "portal:involvement",
        url_names=("portal:involvement", "portal:involvement_csv"),
    ),
    Section(
        "volunteering", _("Volunteer hours"), "volunteering:mine", ("volunteering",)
    ),
    Section("training", _("Training"), "training:index", ("training",)),
    Section(
        "meetings",
        _("Meetings"),
        "wagtail_serve",
        ("participation",),
        url_args=("meetings/",),
    ),
    Section("groups", _("Groups"), "groups:mine", ("groups",)),
    Section("grants", _("Grants"), "grants:schemes", ("grants",)),
    Section("expenses", _("Expenses"), "expenses:mine", ("expenses",)),
    Section(
        "pre_approvals",
        _("Ask before you spend"),
        "expenses:pre_approvals",
        url_names=(
            "expenses:pre_approvals",
            "expenses:pre_approval_new",
            "expenses:pre_approval_withdraw",
        ),
    ),
    Section("bank_details", _("Bank details"), "payments:bank_details", ("payments",)),
    Section(
        "panel",
        _("Grant panel"),
        "grants:panel",
        url_names=("grants:panel", "grants:panel_application"),
        permission="grants.score_grantapplication",
    ),
)

# allauth's pages for a signed-in person belong to "My account".
ACCOUNT_URL_NAMES = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
}


def current_section(resolver_match) -> Section | None:
    if resolver_match is None:
        return None
    full_name = resolver_match.view_name
    for section in SECTIONS:
        if full_name in section.url_names:
            return section
    if full_name in ACCOUNT_URL_NAMES:
        return SECTIONS[0]
    for section in SECTIONS:
        if resolver_match.namespace in section.namespaces:
            return section
    return None


def portal_navigation(request) -> dict | None:
    """The menu and breadcrumb trail for a portal page (None elsewhere)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    section = current_section(getattr(request, "resolver_match", None))
    if section is None:
        return None
    items = []
    for candidate in SECTIONS:
        if candidate.permission and not user.has_perm(candidate.permission):
            continue
        try:
            url = candidate.url()
        except NoReverseMatch:  # an app not installed
            continue
        items.append(
            {"label": candidate.label, "url": url, "current": candidate == section}
        )
    home = SECTIONS[0]
    trail = [{"label": _("Home"), "url": reverse("wagtail_serve", args=[""])}]
    at_index = request.resolver_match.view_name == section.url_name
    if section is not home:
        trail.append({"label": home.label, "url": home.url()})
    if not at_index:
        trail.append({"label": section.label, "url": section.url()})
    return {
        "items": items,
        "trail": trail,
        "current_label": section.label if at_index else "",
    }
