"""One rule for taking part where it depends on where a person lives.

A consultation, a meeting and a grant scheme used to tell a resident whose home
we have not checked three different things (issue 16). Each now asks
`take_part`, saying only whether what it offers needs a checked home, and shows
the reason it returns: the same true words, with what to do, everywhere.
"""

from django.utils.translation import gettext as _

from .models import ResidentProfile

UNREAD = object()  # "read it yourself": the caller has not read the profile


def home_not_checked_reason(user, *, status=UNREAD) -> str:
    """ "" when we have checked where `user` lives; otherwise what is true and
    what to do about it (one query, read fresh: a service may hold a person
    loaded before their home was checked). A page that read the profile in this
    request passes its `status` (None: no profile) instead."""
    if status is UNREAD:
        status = (
            ResidentProfile.objects.filter(user_id=user.pk)
            .values_list("status", flat=True)
            .first()
        )
    if status is None:
        return _(
            "We have not checked your home yet. Tell us where you live under "
            "“Your home” in your account; we usually check it within 5 working "
            "days."
        )
    if status == ResidentProfile.Status.REJECTED:
        return _(
            "We have not been able to check your home. See why under “Your "
            "home” in your account, then try again or contact us."
        )
    if status != ResidentProfile.Status.VERIFIED:
        return _(
            "We have not checked your home yet. We usually do within 5 working "
            "days of you telling us where you live: see “Your home” in your "
            "account."
        )
    return ""


def take_part(user, *, needs_checked_home: bool) -> tuple[bool, str]:
    """Whether `user` may take part in something open to everyone with an
    account (`needs_checked_home=False`) or only to residents whose home we have
    checked; if not, why, in the words every feature uses."""
    if not user.is_authenticated:
        return False, _("Sign in to take part.")
    if not needs_checked_home:
        return True, ""
    reason = home_not_checked_reason(user)
    return not reason, reason
