"""RFC 5545 feeds that Outlook and Google accept.

UIDs are stable (the page's id and the site's host), SEQUENCE rises when a
meeting changes (a new date, time or place goes out under the same UID), and a
cancelled meeting stays in the feed as STATUS:CANCELLED so it disappears from
subscribers' calendars rather than lingering. A postponed meeting, or one moved to
a new meeting page, is sent as cancelled with a summary that says so; the
rearranged meeting says which one it replaces.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

LONDON = ZoneInfo("Europe/London")


def _uid(meeting) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0] or "involve"
    return f"meeting-{meeting.pk}@{host}"


def _summary_and_note(meeting) -> tuple[str, str, bool]:
    """The event's summary, a line for its description, and whether calendars
    should drop it (cancelled, postponed, or moved to another meeting)."""
    status = meeting.Status
    if meeting.status == status.CANCELLED:
        return _("Cancelled: %(meeting)s") % {"meeting": meeting.title}, "", True
    if meeting.status == status.POSTPONED:
        note = _("Postponed. A new date will be published when it is agreed.")
        return _("Postponed: %(meeting)s") % {"meeting": meeting.title}, note, True
    if meeting.status == status.MOVED:
        moved_to = meeting.moved_to
        note = (
            _("Moved to %(date)s.")
            % {
                "date": formats.date_format(
                    moved_to.start.astimezone(LONDON), "l j F Y"
                )
            }
            if moved_to is not None
            else ""
        )
        return _("Moved: %(meeting)s") % {"meeting": meeting.title}, note, True
    return meeting.title, "", False


def _event(meeting, request, replaces=None) -> Event:
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
    summary, note, dropped = _summary_and_note(meeting)
    event.add("summary", summary)
    publication = getattr(meeting, "publication", None)
    event.add("sequence", publication.sequence if publication else 0)
    url = meeting.get_full_url(request)
    event.add("url", url)
    description = [meeting.intro] if meeting.intro else []
    if replaces is not None:
        description.append(
            _("This meeting replaces %(meeting)s, first planned for %(date)s.")
            % {
                "meeting": replaces.title,
                "date": formats.date_format(
                    replaces.start.astimezone(LONDON), "l j F Y"
                ),
            }
        )
        event.add("related-to", _uid(replaces))
    if dropped:
        event.add("status", "CANCELLED")
        description += [note, meeting.status_reason, meeting.apology]
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
    meetings = list(meetings)
    replaced = _replaced(meetings)
    for meeting in meetings:
        calendar.add_component(
            _event(meeting, request, replaces=replaced.get(meeting.pk))
        )
    return calendar.to_ical()


def _replaced(meetings) -> dict:
    """For each meeting, the postponed or moved one it replaces (one query)."""
    if not meetings:
        return {}
    model = type(meetings[0])
    return {
        old.moved_to_id: old
        for old in model.objects.filter(
            moved_to_id__in=[meeting.pk for meeting in meetings]
        ).only("id", "title", "start", "moved_to_id")
    }
