"""Participation hears what happens to meetings (`cms.meetings.signals`):
followers and the people coming are told, and the meeting page shows the
resident's reply. Connected in `ParticipationConfig.ready`."""

from django.urls import reverse

from cms.meetings.signals import (
    meeting_announced,
    meeting_changed,
    meeting_page_context,
    minutes_published,
)

from .selectors import reply_of, runs_the_meeting
from .services import meeting_change_announce, meeting_new_announce, minutes_send


def _announced(sender, *, meeting, **kwargs):
    meeting_new_announce(meeting=meeting)


def _changed(sender, *, meeting, change_number, essential=False, actor=None, **kwargs):
    meeting_change_announce(
        meeting=meeting, change_number=change_number, essential=essential, actor=actor
    )


def _minutes(sender, *, meeting, **kwargs):
    minutes_send(meeting=meeting)


def _page_context(sender, *, request, meeting, **kwargs) -> dict:
    context = {"reply": reply_of(request.user, meeting)}
    if request.user.is_authenticated and runs_the_meeting(request.user, meeting):
        context["attendees_url"] = reverse("participation:attendees", args=[meeting.pk])
    return context


def connect() -> None:
    meeting_announced.connect(_announced, dispatch_uid="participation-announced")
    meeting_changed.connect(_changed, dispatch_uid="participation-changed")
    minutes_published.connect(_minutes, dispatch_uid="participation-minutes")
    meeting_page_context.connect(_page_context, dispatch_uid="participation-page")
