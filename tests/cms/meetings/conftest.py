import datetime

import pytest
from django.utils import timezone

from cms.meetings.models import Body, MeetingIndexPage, MeetingPage, Venue


def make_meeting(*, days_ahead=30, hour=18, publish=True, **fields) -> MeetingPage:
    """A meeting under the demo calendar, published through Wagtail like an editor."""
    index = MeetingIndexPage.objects.get(slug="meetings", locale__language_code="en-gb")
    start = fields.pop("start", None) or timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=days_ahead),
            datetime.time(hour),
        )
    )
    fields.setdefault("title", f"Test meeting {start:%Y-%m-%d %H:%M}")
    fields.setdefault("body", Body.objects.get(name="Residents Panel"))
    fields.setdefault("venue", Venue.objects.first())
    meeting = index.add_child(
        instance=MeetingPage(
            start=start, end=start + datetime.timedelta(hours=2), **fields
        )
    )
    if publish:
        meeting.save_revision().publish()
    else:
        meeting.save_revision()
        MeetingPage.objects.filter(pk=meeting.pk).update(live=False)
    return meeting


@pytest.fixture
def meeting(db):
    return make_meeting()
