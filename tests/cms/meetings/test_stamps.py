"""The system records when minutes and papers first went live, and whether that
kept the promise; editors may say why something is late but cannot change when."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from cms.meetings.models import (
    MeetingPage,
    MeetingPaper,
    MeetingPublication,
    MeetingRules,
    PaperPublication,
)
from cms.meetings.notice import minutes_state

from .conftest import make_meeting

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def document(title: str) -> Document:
    doc = Document.objects.create(title=title)
    doc.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return doc


def fresh(meeting) -> MeetingPage:
    return MeetingPage.objects.select_related("publication").get(pk=meeting.pk)


def add_paper(meeting, title, **fields):
    meeting = fresh(meeting)
    meeting.papers.add(MeetingPaper(title=title, document=document(title), **fields))
    meeting.save_revision().publish()


def test_publishing_minutes_stamps_the_moment_once(time_machine):
    time_machine.move_to(at("2026-11-02T12:00"), tick=False)
    meeting = make_meeting(start=at("2026-11-30T18:00"))
    assert fresh(meeting).minutes_published_on is None

    time_machine.move_to(at("2026-12-03T16:45"), tick=False)
    meeting.minutes = "<p>Notes</p>"
    first = meeting.save_revision()
    first.publish()
    stamp = MeetingPublication.objects.get(meeting=meeting).minutes_published_at
    assert stamp == at("2026-12-03T16:45")
    assert fresh(meeting).minutes_published_on == datetime.date(2026, 12, 3)

    # Correcting the minutes later, or publishing the first revision again, does
    # not move the date the minutes were first published.
    time_machine.move_to(at("2027-01-20T09:00"), tick=False)
    meeting.minutes = "<p>Notes, corrected</p>"
    meeting.save_revision().publish()
    first.publish()
    assert MeetingPublication.objects.get(meeting=meeting).minutes_published_at == (
        stamp
    )
    assert minutes_state(fresh(meeting), MeetingRules.load()) == "published"


def test_minutes_published_after_the_deadline_are_late_with_the_reason_shown(
    client, time_machine
):
    time_machine.move_to(at("2026-11-02T12:00"), tick=False)
    meeting = make_meeting(start=at("2026-11-30T18:00"))
    # 30 Nov + 10 working days is 14 Dec; the 15th is late.
    time_machine.move_to(at("2026-12-15T10:00"), tick=False)
    meeting.minutes = "<p>Notes</p>"
    meeting.minutes_late_reason = "The minute-taker was ill."
    meeting.save_revision().publish()
    page = client.get(meeting.url).content.decode()
    assert "Published on 15 December 2026." in page
    assert "They were due by 14 December 2026." in page
    assert "The minute-taker was ill." in page


def test_a_paper_is_stamped_once_and_late_follows_the_notice_rules(time_machine):
    time_machine.move_to(at("2026-11-02T12:00"), tick=False)
    meeting = make_meeting(start=at("2026-12-14T18:00"))
    add_paper(meeting, "Budget")
    # 14 Dec less 10 working days is 30 Nov: a paper on 1 Dec is late.
    time_machine.move_to(at("2026-12-01T09:00"), tick=False)
    add_paper(meeting, "Repairs", late_approved_by="Cllr A Chair")
    time_machine.move_to(at("2026-12-10T09:00"), tick=False)
    fresh(meeting).save_revision().publish()

    stamps = {
        s.document.title: s
        for s in PaperPublication.objects.filter(meeting=meeting).select_related(
            "document"
        )
    }
    assert stamps["Budget"].first_published_at == at("2026-11-02T12:00")
    assert stamps["Budget"].late is False
    assert stamps["Repairs"].first_published_at == at("2026-12-01T09:00")
    assert stamps["Repairs"].late is True
    late = {paper.title: paper.late for paper in fresh(meeting).papers.all()}
    assert late == {"Budget": False, "Repairs": True}

    # Moving the meeting a month later makes the repairs paper on time.
    meeting = fresh(meeting)
    meeting.start, meeting.end = at("2027-01-18T18:00"), at("2027-01-18T20:00")
    meeting.save_revision().publish()
    assert not PaperPublication.objects.filter(meeting=meeting, late=True).exists()


def test_a_paper_published_after_the_deadline_needs_the_chairs_approval(
    time_machine,
):
    time_machine.move_to(at("2026-11-02T12:00"), tick=False)
    meeting = make_meeting(start=at("2026-12-14T18:00"))
    paper = MeetingPaper(meeting=meeting, title="Repairs", document=document("R"))
    paper.full_clean()  # in good time: no approval needed

    time_machine.move_to(at("2026-12-01T09:00"), tick=False)
    with pytest.raises(ValidationError) as error:
        paper.full_clean()
    assert "A late paper needs the chair's approval." in str(error.value)
    paper.late_approved_by = "Cllr A Chair"
    paper.full_clean()


def test_editors_cannot_set_the_stamps():
    """The page editor offers a reason for lateness, never the dates."""
    page_form = MeetingPage.get_edit_handler().get_form_class()
    assert "minutes_late_reason" in page_form.base_fields
    assert "minutes_published_on" not in page_form.base_fields
    assert "minutes_published_at" not in page_form.base_fields
    paper_form = page_form.formsets["papers"].form
    assert {"late_reason", "late_approved_by"} <= set(paper_form.base_fields)
    assert not {"late", "first_published_at"} & set(paper_form.base_fields)
