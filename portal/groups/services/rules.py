"""What the group services share: who may act for a group (its officers, or
staff who decide recognition)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.accounts.models import User

from ..models import Group
from ..selectors import is_officer

DECIDE_PERMISSION = "groups.decide_recognition"


def require_officer(user: User, group: Group) -> None:
    if not is_officer(user, group):
        raise PermissionDenied(_("Only the group’s officers can do this."))


def require_officer_or_staff(user: User, group: Group) -> None:
    if not (is_officer(user, group) or user.has_perm(DECIDE_PERMISSION)):
        raise PermissionDenied(_("Only the group’s officers can do this."))
