"""Group services by subject: officers (and invitations), documents (the
locker), activity (meetings, AGMs, newsletters held), recognition (apply,
decide, derecognise, reminders) and contact (the public page's form); `rules`
holds the checks they share."""

from .activity import activity_record
from .contact import group_contact_send
from .documents import document_upload
from .officers import (
    invitation_accept,
    officer_add,
    officer_invite,
    officer_remove,
    officer_update,
)
from .recognition import (
    group_derecognise,
    recognition_apply,
    recognition_decide,
    recognition_end_date,
    recognition_reminders_send,
)
from .rules import DECIDE_PERMISSION

__all__ = [
    "DECIDE_PERMISSION",
    "activity_record",
    "document_upload",
    "group_contact_send",
    "group_derecognise",
    "invitation_accept",
    "officer_add",
    "officer_invite",
    "officer_remove",
    "officer_update",
    "recognition_apply",
    "recognition_decide",
    "recognition_end_date",
    "recognition_reminders_send",
]
