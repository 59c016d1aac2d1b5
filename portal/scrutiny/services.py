"""The landlord's response to a scrutiny recommendation: once, with reasons,
audited; what it accepts (in whole or part) becomes an action."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal.actions.models import Action
from portal.actions.services import action_create, can_manage_actions
from portal.core.dates import add_working_days, london_today
from portal.core.services import audit_record, notify

from .models import Recommendation, ResponseReminder


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
    if not can_manage_actions(actor):
        raise PermissionDenied(_("Only staff who manage actions can respond."))
    recommendation = Recommendation.objects.select_for_update().get(
        pk=recommendation.pk
    )
    if recommendation.response:
        raise ValidationError(_("This recommendation already has a response."))
    errors = {}
    if response not in Recommendation.Response.values:
        errors["response"] = _("Choose accept, accept in part or not accept.")
    reason = reason.strip()
    if response != Recommendation.Response.ACCEPTED and not reason:
        errors["reason"] = _(
            "Give the reasons residents will read for not accepting all of it."
        )
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
    if makes_action:
        review = recommendation.review
        recommendation.action = action_create(
            actor=actor,
            title=(action_title.strip() or recommendation.text)[:200],
            description=recommendation.text,
            due_on=due_on,
            source=Action.Source.SCRUTINY,
            owner_team=owner_team,
            complaint_theme="",
            topic=None,
        )
        audit_record(actor=actor, action="scrutiny.action", target=review)
    recommendation.response = response
    recommendation.response_reason = reason
    recommendation.responded_on = london_today()
    recommendation.responded_by = actor
    recommendation.save()
    audit_record(
        actor=actor,
        action="scrutiny.respond",
        target=recommendation,
        to_state=response,
        reason=reason,
    )
    return recommendation


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
