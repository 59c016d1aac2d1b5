"""Demo scrutiny review: the Residents Panel looks at damp and mould, makes three
recommendations, and the landlord accepts one, accepts one in part (since done)
and does not accept one, with reasons. Safe to run again."""

import datetime

from wagtail.models import Locale

from cms.meetings.models import Body, MeetingPage
from portal.accounts.models import User
from portal.actions.models import Action
from portal.actions.services import action_status_change, action_update_add
from portal.core.dates import london_today
from portal.scrutiny.models import Recommendation, ScrutinyReview
from portal.scrutiny.services import recommendation_respond

TITLE = "How we deal with reports of damp and mould"


def build_scrutiny() -> None:
    if ScrutinyReview.objects.filter(title=TITLE).exists():
        return
    officer = User.objects.get(email="officer@example.org")
    panel = Body.objects.filter(kind="panel", locale=Locale.get_default()).first()
    today = london_today()
    started = today - datetime.timedelta(days=150)
    review = ScrutinyReview.objects.create(
        title=TITLE,
        body=panel,
        scope="From the first report to the repair being signed off: how quickly "
        "we visit, what we tell residents, and whether the problem comes back.",
        evidence="120 repair records from the last year, a survey of 40 residents "
        "who reported damp, interviews with the repairs manager and two surveyors.",
        started_on=started,
        staff_lead=officer,  # reminded before the response is due
    )
    review.meetings.set(
        MeetingPage.objects.filter(
            body=panel,
            start__date__gte=started,
            start__date__lte=today,
            locale=Locale.get_default(),
        ).order_by("start")[:3]
    )
    review.save()  # a parental many-to-many is written when its model is saved
    made_on = today - datetime.timedelta(days=60)
    texts = [
        "Visit every report of damp or mould within ten working days.",
        "Write to residents after each visit saying what was found and what "
        "happens next.",
        "Give every affected home a free dehumidifier.",
    ]
    recommendations = [
        Recommendation.objects.create(review=review, text=text, made_on=made_on)
        for text in texts
    ]
    accepted, partly, rejected = recommendations
    accepted = recommendation_respond(
        recommendation=accepted,
        actor=officer,
        response=Recommendation.Response.ACCEPTED,
        action_title="Visit every damp and mould report within ten working days",
        due_on=today + datetime.timedelta(days=45),
        owner_team="Repairs team",
    )
    action_status_change(
        action=accepted.action, actor=officer, to_status=Action.Status.IN_PROGRESS
    )
    partly = recommendation_respond(
        recommendation=partly,
        actor=officer,
        response=Recommendation.Response.PARTLY,
        reason="We will write after each visit, but by email or text where the "
        "resident prefers it rather than always by letter.",
        action_title="Tell residents in writing what each damp visit found",
        due_on=today,
        owner_team="Repairs team",
    )
    action_update_add(
        action=partly.action,
        actor=officer,
        text="The new letter and email templates are in use.",
    )
    action_status_change(
        action=partly.action,
        actor=officer,
        to_status=Action.Status.DONE,
        evidence="Templates agreed with the panel; used for every visit since.",
    )
    recommendation_respond(
        recommendation=rejected,
        actor=officer,
        response=Recommendation.Response.REJECTED,
        reason="Dehumidifiers treat the symptom, not the cause, and cost residents "
        "money to run. We will fix the cause (ventilation, leaks, insulation) "
        "instead, and lend a dehumidifier while the work waits.",
    )


def reset_scrutiny() -> None:
    for review in ScrutinyReview.objects.filter(title=TITLE):
        Action.objects.filter(recommendation__review=review).delete()
        review.delete()
