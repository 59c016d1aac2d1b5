"""The landlord's response to a scrutiny recommendation: once, with reasons,
audited; what it accepts (in whole or part) becomes an action."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.actions.models import Action
from portal.actions.services import action_create, can_manage_actions
from portal.core.dates import london_today
from portal.core.services import audit_record

from .models import Recommendation


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
