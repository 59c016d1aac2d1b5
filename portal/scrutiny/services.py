"""The landlord's response to a scrutiny recommendation: once, with reasons,
audited; what it accepts (in whole or part) becomes an action."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.actions.models import Action
from portal.actions.services import action_create
from portal.core.dates import add_working_days, london_today
from portal.core.services import audit_record, notify
from portal.core.transitions import ensure, transition

from .models import Recommendation, ResponseReminder

# Which move of `Recommendation.lifecycle` gives each response.
MOVE_FOR = {move.target: name for name, move in Recommendation.lifecycle.moves.items()}


@transaction.atomic
def recommendation_respond(
    *,
    recommendation: Recommendation,
    actor,
    response: str,
    reason: str = "",
    action_title: str = "",
    due_on: datetime.date | None = None,
    owner_team: str = "",
) -> Recommendation:
    """Answer a recommendation once. The row is locked and its current state
    checked first, so a second answer from a page read earlier is refused (it has
    already been answered) and the first stands."""
    if response not in MOVE_FOR:
        raise ValidationError(
            {"response": _("Choose accept, accept in part or not accept.")}
        )
    name = MOVE_FOR[response]
    recommendation = ensure(recommendation, name, actor=actor)
    errors = {}
    reason = reason.strip()
    if Recommendation.lifecycle[name].reason_required and not reason:
        errors["reason"] = Recommendation.lifecycle[name].reason_required
    makes_action = response in {
        Recommendation.Response.ACCEPTED,
        Recommendation.Response.PARTLY,
    }
    if makes_action and due_on is None:
        errors["due_on"] = _("Say by when the accepted change will be made.")
    elif makes_action and due_on < london_today():
        errors["due_on"] = _("The date for the change cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    action = None
    if makes_action:
        action = action_create(
            actor=actor,
            title=(action_title.strip() or recommendation.text)[:200],
            description=recommendation.text,
            due_on=due_on,
            source=Action.Source.SCRUTINY,
            owner_team=owner_team,
            complaint_theme="",
            topic=None,
        )
        audit_record(
            actor=actor, action="scrutiny.action", target=recommendation.review
        )
    return transition(
        recommendation,
        name,
        actor=actor,
        reason=reason,
        changes={
            "response_reason": reason,
            "responded_on": london_today(),
            "responded_by": actor,
            "action": action,
        },
    )


REMINDER_WORKING_DAYS = 5


def _reminder_recipients(review) -> list:
    """Whoever the review names, or else every active Involvement officer."""
    from portal.accounts.models import User
    from portal.accounts.roles import INVOLVEMENT_OFFICERS

    if review.staff_lead is not None and review.staff_lead.is_active:
        return [review.staff_lead]
    return list(
        User.objects.filter(groups__name=INVOLVEMENT_OFFICERS, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _reminder_text(stage: str, values: dict) -> tuple:
    if stage == ResponseReminder.Stage.BEFORE:
        return (
            lambda: _("Scrutiny response due by %(date)s: %(review)s") % values,
            lambda: (
                _(
                    "The landlord's response to the recommendations of the scrutiny "
                    "review “%(review)s” is due by %(date)s. Record each response "
                    "here: %(url)s"
                )
                % values
            ),
        )
    return (
        lambda: _("Scrutiny response overdue since %(date)s: %(review)s") % values,
        lambda: (
            _(
                "The landlord's response to the recommendations of the scrutiny "
                "review “%(review)s” was due by %(date)s and some are still waiting. "
                "Residents can see it is late. Record each response here: %(url)s"
            )
            % values
        ),
    )


def response_reminders_send(
    *, today: datetime.date | None = None, lead_days: int = REMINDER_WORKING_DAYS
) -> dict[str, int]:
    """Remind the staff responsible for a review's response once `lead_days`
    working days before it is due and once when it is overdue.

    The due date is the earliest of the review's recommendations still waiting.
    Each reminder is recorded (`ResponseReminder`, one per review, stage and due
    date) and audited in the transaction that sends it, so running the job again,
    or twice at once, sends nothing twice; a missed day sends only the stage due
    now. Run daily: `manage.py send_scrutiny_reminders`.
    """
    from django.urls import reverse

    from .selectors import responses_awaited

    today = today or london_today()
    sent = {"before": 0, "overdue": 0}
    for review, due_on in responses_awaited().items():
        if today > due_on:
            stage = ResponseReminder.Stage.OVERDUE
        elif today >= add_working_days(due_on, -lead_days):
            stage = ResponseReminder.Stage.BEFORE
        else:
            continue
        if ResponseReminder.objects.filter(
            review=review, stage=stage, due_on=due_on
        ).exists():
            continue
        values = {
            "review": review.title,
            "date": due_on.strftime("%-d %B %Y"),
            "url": reverse("scrutiny_recommendations:index"),
        }
        subject, body = _reminder_text(stage, values)
        try:
            with transaction.atomic():
                recipients = _reminder_recipients(review)
                reminder = ResponseReminder.objects.create(
                    review=review,
                    stage=stage,
                    due_on=due_on,
                    recipients=len(recipients),
                )
                for person in recipients:
                    notify(
                        recipient=person,
                        key=f"scrutiny-response-{stage}:{review.pk}:{due_on}",
                        subject=subject,
                        body=body,
                    )
                audit_record(
                    actor=None,
                    action="scrutiny.reminder",
                    target=review,
                    to_state=stage,
                    details={
                        "due_on": due_on.isoformat(),
                        "recipients": reminder.recipients,
                    },
                )
        except IntegrityError:
            continue  # another run recorded this reminder first
        sent[stage] += 1
    return sent
