"""Keep what editors typed before the system stamped it.

- A typed "minutes published on" date becomes the publication's minutes stamp
  (midday, London, on that date); a meeting with no publication record gets one,
  dated from its first publication.
- Each paper of a published meeting gets a stamp: a paper ticked "late" is dated
  the day before the meeting (after the notice deadline, which is what the tick
  meant), any other paper the day notice was given (it went out with the notice).
  These are the best facts the old data holds; new papers are stamped exactly.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.db import migrations

LONDON = ZoneInfo("Europe/London")


def _midday(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def _local(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(LONDON).date()


def _fingerprint(meeting) -> str:
    # The same facts as cms.meetings.services._fingerprint, so the next publish
    # does not look like a change to residents.
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


def forwards(apps, schema_editor):
    MeetingPage = apps.get_model("meetings", "MeetingPage")
    MeetingPublication = apps.get_model("meetings", "MeetingPublication")
    MeetingPaper = apps.get_model("meetings", "MeetingPaper")
    PaperPublication = apps.get_model("meetings", "PaperPublication")
    publications = {p.meeting_id: p for p in MeetingPublication.objects.all()}

    def publication_for(meeting):
        publication = publications.get(meeting.pk)
        if publication is None and (meeting.live or meeting.first_published_at):
            first = meeting.first_published_at
            publication = MeetingPublication.objects.create(
                meeting_id=meeting.pk,
                notice_given_on=_local(first) if first else _local(meeting.start),
                fingerprint=_fingerprint(meeting),
            )
            publications[meeting.pk] = publication
        return publication

    for meeting in MeetingPage.objects.filter(minutes_published_on__isnull=False):
        publication = publication_for(meeting)
        if publication is not None and publication.minutes_published_at is None:
            publication.minutes_published_at = _midday(meeting.minutes_published_on)
            publication.save(update_fields=["minutes_published_at"])

    stamped = set(PaperPublication.objects.values_list("meeting_id", "document_id"))
    for paper in MeetingPaper.objects.select_related("meeting"):
        meeting = paper.meeting
        if (meeting.pk, paper.document_id) in stamped:
            continue
        publication = publication_for(meeting)
        if publication is None:
            continue  # never published: stamped when it first goes live
        if paper.late:
            moment = _midday(_local(meeting.start) - datetime.timedelta(days=1), 9)
        else:
            moment = _midday(publication.notice_given_on, 9)
        PaperPublication.objects.create(
            meeting_id=meeting.pk,
            document_id=paper.document_id,
            first_published_at=moment,
            late=paper.late,
        )
        stamped.add((meeting.pk, paper.document_id))


def backwards(apps, schema_editor):
    MeetingPage = apps.get_model("meetings", "MeetingPage")
    MeetingPublication = apps.get_model("meetings", "MeetingPublication")
    MeetingPaper = apps.get_model("meetings", "MeetingPaper")
    PaperPublication = apps.get_model("meetings", "PaperPublication")
    for publication in MeetingPublication.objects.filter(
        minutes_published_at__isnull=False
    ):
        MeetingPage.objects.filter(pk=publication.meeting_id).update(
            minutes_published_on=_local(publication.minutes_published_at)
        )
    for stamp in PaperPublication.objects.filter(late=True):
        MeetingPaper.objects.filter(
            meeting_id=stamp.meeting_id, document_id=stamp.document_id
        ).update(late=True)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_stamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
