"""The contact form on a group's public page."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from portal.core.services import audit_record, notify

from ..models import Group


@transaction.atomic
def group_contact_send(
    *, group: Group, sender_name: str, sender_email: str, message: str
) -> int:
    """A message from the group's public page to each of its officers, through
    their own contact preferences (so their addresses are never published).
    Audited without the message itself. Returns how many officers it reached."""
    officers = list(group.officers.select_related("user", "user__contact_preferences"))
    key = f"group-contact:{group.pk}:{uuid.uuid4()}"
    subject = _("A message for %(group)s from the website") % {"group": group.name}
    body = _(
        "%(name)s (%(email)s) sent this message to %(group)s through the group's "
        "public page. Reply to them at that address.\n\n%(message)s"
    ) % {
        "name": sender_name,
        "email": sender_email,
        "group": group.name,
        "message": message,
    }
    for officer in officers:
        notify(recipient=officer.user, key=key, subject=subject, body=body)
    audit_record(
        actor=None,
        action="group.contact_sent",
        target=group,
        details={"officers": len(officers)},
    )
    return len(officers)
