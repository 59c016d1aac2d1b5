"""What a group has held: public meetings, AGMs and newsletters (minutes
stored privately)."""

from django.db import transaction

from portal.accounts.models import User
from portal.core.files import private_file_store
from portal.core.services import audit_record

from ..models import Activity, Group
from .rules import require_officer_or_staff


@transaction.atomic
def activity_record(
    *, group: Group, actor: User, minutes_upload=None, minutes_type="", **fields
) -> Activity:
    """Record a public meeting, AGM or newsletter (minutes stored privately)."""
    require_officer_or_staff(actor, group)
    minutes = (
        private_file_store(
            upload=minutes_upload, uploaded_by=actor, content_type=minutes_type
        )
        if minutes_upload
        else None
    )
    activity = Activity.objects.create(
        group=group, recorded_by=actor, minutes=minutes, **fields
    )
    audit_record(
        actor=actor,
        action="group.activity_recorded",
        target=group,
        to_state=activity.kind,
        details={"activity": activity.pk, "date": activity.date.isoformat()},
    )
    return activity
