"""Dashboard card: the groups I run (with what the group must do next) and the
groups I support."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.dashboard import Action, Card, register_card

from .selectors import Status, groups_for_request

NEXT_STEP = {
    Status.FORMING: gettext_lazy(
        "Next: collect sign-ups from residents and apply for recognition."
    ),
    Status.APPLIED: gettext_lazy(
        "Next: nothing for now. We are looking at your application."
    ),
    Status.RECOGNISED: gettext_lazy(
        "Next: keep your documents up to date and record your meetings."
    ),
    Status.RENEWAL_DUE: gettext_lazy(
        "Next: apply to renew your recognition before it runs out."
    ),
    Status.LAPSED: gettext_lazy(
        "Next: recognition has lapsed. Check the list and apply again."
    ),
    Status.DERECOGNISED: gettext_lazy("Next: talk to your involvement officer."),
}


@register_card(order=40)
def groups_card(request) -> Card:
    mine, supported = groups_for_request(request)
    for group in mine:
        group.next_step = NEXT_STEP[group.status_code]
    return Card(
        key="my-groups",
        title=_("My groups"),
        template="groups/cards/groups.html",
        context={"mine": mine, "supported": supported},
        actions=[Action(_("Sign up to support a group"), reverse("groups:mine"), True)],
        order=40,
    )
