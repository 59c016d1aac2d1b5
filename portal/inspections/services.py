"""Writes for estate inspections: signing up, starting, saving each step as a
draft, and sending (every problem becomes an action). All audited."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.actions.models import Action
from portal.actions.services import action_create, can_manage_actions
from portal.core.dates import london_today
from portal.core.files import check_upload, private_file_store
from portal.core.services import audit_record
from portal.core.transitions import ensure, transition

from .models import ChecklistArea, Inspection, InspectionScore, Inspector

PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP"}
FIX_WITHIN_DAYS = 28


def lives_on(person, estate) -> bool:
    profile = getattr(person, "resident_profile", None)
    return bool(profile and profile.is_verified and profile.home.estate_id == estate.pk)


def may_inspect(person, estate) -> bool:
    return can_manage_actions(person) or (
        person.is_authenticated
        and Inspector.objects.filter(person=person, estate=estate).exists()
    )


@transaction.atomic
def inspector_sign_up(*, person, estate) -> Inspector:
    """A resident whose home on the estate we have checked signs up to inspect it."""
    if not lives_on(person, estate):
        raise PermissionDenied(
            _(
                "Resident inspectors live on the estate: we need to have checked "
                "your home there first."
            )
        )
    inspector, created = Inspector.objects.get_or_create(person=person, estate=estate)
    if created:
        audit_record(actor=person, action="inspection.inspector_join", target=inspector)
    return inspector


@transaction.atomic
def inspection_start(
    *, estate, lead, held_on: datetime.date | None = None
) -> Inspection:
    """Start (or carry on with) the day's inspection of an estate."""
    if not may_inspect(lead, estate):
        raise PermissionDenied(_("Only the estate's inspectors and staff can do this."))
    held_on = held_on or london_today()
    if held_on > london_today():
        raise ValidationError({"held_on": _("An inspection cannot be in the future.")})
    inspection, created = Inspection.objects.get_or_create(
        estate=estate, held_on=held_on, defaults={"lead": lead}
    )
    if not created:
        if inspection.status != Inspection.Status.DRAFT:
            raise ValidationError(
                _("This estate’s inspection for that day has already been sent.")
            )
        return inspection
    InspectionScore.objects.bulk_create(
        InspectionScore(inspection=inspection, area=area, area_name=area.name)
        for area in ChecklistArea.objects.filter(active=True)
    )
    audit_record(actor=lead, action="inspection.start", target=inspection)
    return inspection


def _lead_only(actor):
    """The inspector who started it, or staff who manage actions (checked on the
    locked row, before the lifecycle's own check)."""

    def check(inspection: Inspection) -> None:
        if inspection.lead_id != actor.pk and not can_manage_actions(actor):
            raise PermissionDenied(
                _("Only the inspector who started it can change it.")
            )

    return check


@transaction.atomic
def inspection_score_save(
    *,
    score: InspectionScore,
    actor,
    value: int | None,
    note: str = "",
    problem: bool = False,
    photo=None,
) -> InspectionScore:
    """Save one step of the checklist (the draft is kept after every step)."""
    ensure(score.inspection, "score", check=_lead_only(actor))
    errors = {}
    if value is None or not 1 <= value <= 5:
        errors["score"] = _("Choose a score from 1 (very poor) to 5 (very good).")
    if problem and not note.strip():
        errors["note"] = _("Say what needs putting right, so the team can find it.")
    content_type = None
    if photo is not None:
        try:
            content_type = check_upload(photo, allowed=PHOTO_TYPES)
        except ValidationError as error:
            errors["photo"] = error.messages
    if errors:
        raise ValidationError(errors)
    score.score, score.note, score.problem = value, note.strip(), problem
    if photo is not None:
        score.photo = private_file_store(
            upload=photo, uploaded_by=actor, content_type=content_type
        )
    score.save()
    return score


@transaction.atomic
def inspection_submit(*, inspection: Inspection, actor) -> Inspection:
    """Send the inspection: every area scored; each problem becomes an action for
    the area's team, due in four weeks."""
    inspection = ensure(inspection, "submit", check=_lead_only(actor))
    scores = list(inspection.scores.select_related("area"))
    missing = [s.area_name for s in scores if s.score is None]
    if missing:
        raise ValidationError(
            _("Score every area before sending. Still to do: %(areas)s.")
            % {"areas": ", ".join(missing)}
        )
    estate = inspection.estate
    for score in scores:
        if score.problem and score.action_id is None:
            score.action = action_create(
                actor=actor,
                title=f"{score.area_name}: {score.note}"[:200],
                description=score.note,
                due_on=inspection.held_on + datetime.timedelta(days=FIX_WITHIN_DAYS),
                source=Action.Source.INSPECTION,
                owner_team=score.area.team,
                estate=estate,
                area=estate.area,
            )
            score.save(update_fields=["action"])
    return transition(
        inspection, "submit", actor=actor, changes={"submitted_at": timezone.now()}
    )
