"""RFC 5545 feeds that Outlook and Google accept.

UIDs are stable (the page's id and the site's host), SEQUENCE rises when a
meeting changes, and a cancelled meeting stays in the feed as STATUS:CANCELLED so
it disappears from subscribers' calendars rather than lingering.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, Timezone

LONDON = ZoneInfo("Europe/London")


def _uid(meeting) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "involve"
    return f"meeting-{meeting.pk}@{host}"


def _event(meeting, request) -> Event:
    event = Event()
    event.add("uid", _uid(meeting))
    event.add(
        "dtstamp",
        meeting.last_published_at
        or meeting.first_published_at
        or datetime.datetime.now(tz=LONDON),
    )
    event.add("dtstart", meeting.start.astimezone(LONDON))
    event.add("dtend", meeting.end.astimezone(LONDON))
    event.add("summary", meeting.title)
    publication = getattr(meeting, "publication", None)
    event.add("sequence", publication.sequence if publication else 0)
    url = meeting.get_full_url(request)
    event.add("url", url)
    description = [meeting.intro] if meeting.intro else []
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
        description += [meeting.status_reason, meeting.apology]
    else:
        event.add("status", "CONFIRMED")
    if meeting.online_link:
        description.append(meeting.online_link)
    description.append(url)
    event.add("description", "\n\n".join(part for part in description if part))
    if meeting.venue:
        event.add("location", f"{meeting.venue.name}, {meeting.venue.address}")
    return event


def calendar_for(meetings, *, name: str, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Involve//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    calendar.add_component(
        Timezone.from_tzinfo(
            LONDON,
            first_date=datetime.date(2020, 1, 1),
            last_date=datetime.date(2035, 1, 1),
        )
    )
    for meeting in meetings:
        calendar.add_component(_event(meeting, request))
    return calendar.to_ical()
