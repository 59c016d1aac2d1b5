"""Demo actions: a Residents Panel meeting's minutes with three actions (one done
on time, one late, one in progress) and a consultation's promised change.
Safe to run again: nothing is added twice."""

import datetime

from wagtail.models import Locale

from cms.consultations.models import ConsultationPage
from cms.meetings.models import MeetingPage
from portal.accounts.models import User
from portal.actions.models import Action, ConsultationAction, MeetingAction
from portal.actions.services import (
    action_create,
    action_status_change,
    action_update_add,
)
from portal.core.dates import london_today
from portal.core.models import Topic
from portal.housing.models import Estate

# (title, days from the meeting to the due date, how it stands, topic, team)
PANEL_ACTIONS = [
    (
        "Fix the broken lights in the Anchor House car park",
        14,
        "done",
        "Community safety and anti-social behaviour",
        "Repairs team",
    ),
    (
        "Publish the estate cleaning rota for every block",
        21,
        "late",
        "Estate services and cleaning",
        "Estate services",
    ),
    (
        "Review how repairs appointments are offered",
        90,
        "in_progress",
        "Repairs and maintenance",
        "Repairs team",
    ),
]


def reset_actions() -> None:
    titles = [row[0] for row in PANEL_ACTIONS]
    Action.objects.filter(title__in=titles).delete()
    Action.objects.filter(title__startswith="Make the change promised in").delete()


def build_actions() -> None:
    officer = User.objects.get(email="officer@example.org")
    _panel_meeting_actions(officer)
    _consultation_promise(officer)


def _panel_meeting_actions(officer) -> None:
    today = london_today()
    meeting = (
        MeetingPage.objects.live()
        .filter(
            body__kind="panel",
            publication__minutes_published_at__isnull=False,
            locale=Locale.get_default(),
        )
        .filter(start__date__lte=today - datetime.timedelta(days=30))
        .order_by("-start")
        .first()
    )
    if meeting is None or meeting.action_links.exists():
        return
    estate = Estate.objects.order_by("name").first()
    held_on = meeting.start.date()
    for title, days, state, topic, team in PANEL_ACTIONS:
        due_on = held_on + datetime.timedelta(days=days)
        if state == "late":
            due_on = min(due_on, today - datetime.timedelta(days=5))
        action = action_create(
            actor=officer,
            title=title,
            due_on=due_on,
            source=Action.Source.MEETING,
            meeting=meeting,
            owner=officer,
            owner_team=team,
            estate=estate,
            area=estate.area if estate else None,
            topic=Topic.objects.filter(name=topic).first(),
        )
        MeetingAction.objects.create(page=meeting, action=action)
        if state == "done":
            action_update_add(
                action=action,
                actor=officer,
                text="The contractor has ordered new LED fittings.",
                written_on=held_on + datetime.timedelta(days=3),
            )
            action_status_change(
                action=action,
                actor=officer,
                to_status=Action.Status.DONE,
                done_on=held_on + datetime.timedelta(days=10),
                evidence="All eight lights replaced and tested at night by a "
                "resident inspector.",
            )
        elif state == "in_progress":
            action_status_change(
                action=action, actor=officer, to_status=Action.Status.IN_PROGRESS
            )
            action_update_add(
                action=action,
                actor=officer,
                text="We have asked 200 residents which times suit them; the "
                "results go to the next panel.",
                written_on=min(today, held_on + datetime.timedelta(days=20)),
            )
    # Keep the page's latest revision in step with its links, so an editor who
    # opens the page next sees them (and publishing again keeps them).
    meeting.refresh_from_db()
    meeting.save_revision().publish()


def _consultation_promise(officer) -> None:
    page = (
        ConsultationPage.objects.live()
        .filter(outcome_published_at__isnull=False, changes_by__isnull=False)
        .filter(locale=Locale.get_default())
        .order_by("-outcome_published_at")
        .first()
    )
    if page is None or page.action_links.exists():
        return
    action = action_create(
        actor=officer,
        title=f"Make the change promised in “{page.title}”",
        description=page.what_changes,
        due_on=page.changes_by,
        source=Action.Source.CONSULTATION,
        consultation=page,
        owner=officer,
        owner_team="Resident involvement team",
        topic=page.topics.first(),
    )
    action_status_change(
        action=action, actor=officer, to_status=Action.Status.IN_PROGRESS
    )
    ConsultationAction.objects.create(page=page, action=action)
    page.refresh_from_db()
    page.save_revision().publish()
