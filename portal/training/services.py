"""Writes for training: sign up and cancel (places never overbooked, even when
two people take the last one at once), record attendance (staff, never their
own), and save the yearly skills audit. Each is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.separation import check_separation
from portal.core.services import audit_record
from portal.core.transitions import transition

from .models import RECORD_PERM, Session, SignUp, SkillsAudit


def may_train(person) -> bool:
    """Residents whose home we have checked may sign up and fill in the audit."""
    profile = getattr(person, "resident_profile", None) if person else None
    return bool(profile and profile.is_verified)


def _check_may_train(person) -> None:
    if not may_train(person):
        raise PermissionDenied(
            _(
                "Training is for residents whose home we have checked. Add your "
                "address on your account page first."
            )
        )


def training_sign_up(*, session: Session, person) -> SignUp:
    """Take a place on an upcoming session. The session row is locked while
    places are counted, so two people taking the last place at once get one
    place between them; the other is told the session is full."""
    _check_may_train(person)
    try:
        with transaction.atomic():
            locked = Session.objects.select_for_update().get(pk=session.pk)
            if locked.starts_at <= timezone.now():
                raise ValidationError(_("This session has already started."))
            mine = SignUp.objects.filter(session=locked, person=person).first()
            if mine and mine.status == SignUp.Status.BOOKED:
                raise ValidationError(_("You already have a place on this session."))
            taken = SignUp.objects.filter(
                session=locked, status=SignUp.Status.BOOKED
            ).count()
            if taken >= locked.capacity:
                raise ValidationError(
                    _("Sorry, this session is full. Choose another date.")
                )
            if mine:
                return transition(mine, "rebook", actor=person)
            sign_up = SignUp.objects.create(session=locked, person=person)
            audit_record(actor=person, action="training.signed_up", target=sign_up)
            return sign_up
    except IntegrityError as error:  # the same person twice at once
        raise ValidationError(_("You already have a place on this session.")) from error


def training_cancel(*, sign_up: SignUp, actor) -> SignUp:
    """Give up a place before the session starts (only one's own)."""
    if actor is None or sign_up.person_id != actor.pk:
        raise PermissionDenied(_("You can only cancel your own place."))

    def not_started(locked):
        if locked.session.starts_at <= timezone.now():
            raise ValidationError(
                _("This session has already started, so the place cannot be given up.")
            )

    return transition(sign_up, "cancel", actor=actor, check=not_started)


def attendance_record(*, sign_up: SignUp, actor, attended: bool) -> SignUp:
    """Staff say whether someone came, once the session has started (they may
    correct it later). Nobody records their own attendance."""
    if not actor.has_perm(RECORD_PERM):
        raise PermissionDenied(_("You do not have permission to do this."))
    check_separation(
        actor=actor,
        record=sign_up,
        own_message=_("Nobody may record their own attendance."),
    )
    target = SignUp.Status.ATTENDED if attended else SignUp.Status.ABSENT
    if sign_up.status == target:
        return sign_up

    def started(locked):
        if locked.session.starts_at > timezone.now():
            raise ValidationError(
                _("Attendance can be recorded once the session has started.")
            )

    return transition(
        sign_up,
        "attended" if attended else "absent",
        actor=actor,
        check=started,
        changes={"recorded_by": actor, "recorded_at": timezone.now()},
    )


@transaction.atomic
def skills_audit_save(
    *,
    person,
    year: int,
    skills,
    confidence: str,
    training_wanted,
    other_training: str = "",
) -> SkillsAudit:
    """Save (or update) a person's skills audit for a financial year."""
    _check_may_train(person)
    audit, created = SkillsAudit.objects.update_or_create(
        person=person,
        year=year,
        defaults={
            "confidence": confidence,
            "other_training": other_training.strip(),
        },
    )
    audit.skills.set(skills)
    audit.training_wanted.set(training_wanted)
    audit_record(
        actor=person,
        action="training.skills_audit_saved",
        target=audit,
        details={"year": year, "updated": not created},
    )
    return audit
