"""Dashboard cards from accounts: the person's home, people they help, their
details and sign-in settings."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.dashboard import Action, Card, register_card

from .models import Advocacy
from .selectors import profile_for_request


@register_card(order=0)
def home_card(request) -> Card:
    profile = profile_for_request(request)
    actions = []
    if profile is None or profile.status == profile.Status.REJECTED:
        actions.append(
            Action(_("Tell us where you live"), reverse("portal:home_claim"), True)
        )
    return Card(
        key="home",
        title=_("Your home"),
        template="accounts/cards/home.html",
        context={"profile": profile},
        actions=actions,
        section="home",
        order=0,
    )


@register_card(order=10)
def details_card(request) -> Card:
    return Card(
        key="about-you",
        title=_("About you"),
        template="accounts/cards/about_you.html",
        section="details",
        order=10,
    )


@register_card(order=20)
def helping_card(request) -> Card | None:
    helping = list(
        Advocacy.objects.filter(advocate=request.user)
        .select_related("resident")
        .order_by("resident__email")
    )
    return Card(
        key="people-you-help",
        title=_("People you help"),
        template="accounts/cards/helping.html",
        # They act for someone only once they accept the request.
        context={
            "helping": [a for a in helping if a.accepted_at],
            "asked_to_help": [a for a in helping if not a.accepted_at],
        },
        section="details",
        order=20,
    )


@register_card(order=30)
def sign_in_card(request) -> Card:
    return Card(
        key="account-settings",
        title=_("Your sign-in details"),
        template="accounts/cards/sign_in.html",
        context={"back_office": request.user.has_perm("wagtailadmin.access_admin")},
        section="details",
        order=30,
    )
