"""What happens when a meeting is published: notice is dated, and a change that
matters to residents bumps the iCalendar sequence and tells the people coming."""

import hashlib

from django.db import transaction

from portal.participation.services import meeting_change_announce, meeting_new_announce

from . import notice
from .models import MeetingPage, MeetingPublication


def _fingerprint(meeting: MeetingPage) -> str:
    facts = "|".join(
        str(value)
        for value in [
            meeting.title,
            meeting.start.isoformat(),
            meeting.end.isoformat(),
            meeting.venue_id,
            meeting.online_link,
            meeting.status,
        ]
    )
    return hashlib.sha256(facts.encode()).hexdigest()


@transaction.atomic
def meeting_published(*, meeting: MeetingPage) -> MeetingPublication:
    fingerprint = _fingerprint(meeting)
    publication = (
        MeetingPublication.objects.select_for_update().filter(meeting=meeting).first()
    )
    if publication is None:
        publication = MeetingPublication.objects.create(
            meeting=meeting, notice_given_on=notice.today(), fingerprint=fingerprint
        )
        meeting_new_announce(meeting=meeting)
        return publication
    if publication.fingerprint != fingerprint:
        publication.sequence += 1
        publication.fingerprint = fingerprint
        publication.save(update_fields=["sequence", "fingerprint"])
        meeting_change_announce(meeting=meeting, change_number=publication.sequence)
    return publication
