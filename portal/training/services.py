"""Writes for training: book, wait for and cancel places (never overbooked,
even when two people take the last one or two cancel at once; a freed place
goes to the first on the waiting list), each confirmed to the person; reminders
before a session; record attendance (staff, never their own), and save the
yearly skills audit. Each is audited; an advocate may book and cancel for the
person they help."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.core.templatetags.involve_format import date_and_time, time_of_day
from portal.accounts.selectors import helped_by
from portal.core.notifications import LONDON, absolute
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from .models import RECORD_PERM, Reminder, Session, SignUp, SkillsAudit
from .selectors import waiting_position

BOOKED = SignUp.Status.BOOKED
WAITING = SignUp.Status.WAITING


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


def _acting_for(actor, person):
    """None when people act for themselves; `person` when `actor` is their
    advocate. Anyone else is refused."""
    if actor is None or actor.pk == person.pk:
        return None
    if helped_by(actor, person.pk) is None:
        raise PermissionDenied(
            _("You can only book or cancel places for yourself or someone you help.")
        )
    return person


def _locked_session(session: Session) -> Session:
    """Lock the session row: every change to its places (booking, waiting,
    cancelling, filling a freed place) queues here, so places are counted once
    at a time."""
    locked = (
        Session.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=session.pk)
    )
    if locked.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."))
    return locked


def _booked(session: Session) -> int:
    return SignUp.objects.filter(session=session, status=BOOKED).count()


def _already(mine: SignUp | None, acting_for) -> None:
    if mine and mine.status == BOOKED:
        raise ValidationError(
            _("%(name)s already has a place on this session.")
            % {"name": acting_for.get_full_name() or acting_for.email}
            if acting_for
            else _("You already have a place on this session.")
        )
    if mine and mine.status == WAITING:
        raise ValidationError(_("This place is already on the waiting list."))


def training_sign_up(*, session: Session, person, actor=None) -> SignUp:
    """Take a place on an upcoming session, for oneself or (an advocate) for
    the person one helps. The session row is locked while places are counted,
    so two people taking the last place at once get one place between them;
    the other is told the session is full and may join the waiting list."""
    return _take(session=session, person=person, actor=actor, waiting=False)


def training_join_waiting_list(*, session: Session, person, actor=None) -> SignUp:
    """Join a full session's waiting list (the first on it gets the next place
    that comes free). Under the same lock as booking."""
    return _take(session=session, person=person, actor=actor, waiting=True)


def _take(*, session: Session, person, actor, waiting: bool) -> SignUp:
    actor = actor or person
    acting_for = _acting_for(actor, person)
    _check_may_train(person)
    try:
        with transaction.atomic():
            locked = _locked_session(session)
            mine = SignUp.objects.filter(session=locked, person=person).first()
            _already(mine, acting_for)
            # Anyone waiting goes before a newcomer (when staff add places).
            _fill_from_waiting_list(locked)
            full = _booked(locked) >= locked.capacity
            if full == waiting:
                return _add(locked, person, mine, waiting, actor, acting_for)
    except IntegrityError as error:  # the same person twice at once
        raise ValidationError(_("You already have a place on this session.")) from error
    # Refused after the transaction, so places given to people waiting stay given.
    if waiting:
        raise ValidationError(
            _("There are places left on this session: book one instead.")
        )
    raise ValidationError(
        _(
            "Sorry, this session is full. You can join the waiting list or "
            "choose another date."
        )
    )


def _add(locked, person, mine, waiting, actor, acting_for) -> SignUp:
    """Book a place (or join the waiting list), reusing a cancelled sign-up."""
    changes = {"waiting_since": timezone.now()} if waiting else {}
    if mine:
        move = "wait" if waiting else "rebook"
        sign_up = transition(
            mine, move, actor=actor, acting_for=acting_for, changes=changes
        )
    else:
        sign_up = SignUp.objects.create(
            session=locked,
            person=person,
            status=WAITING if waiting else BOOKED,
            **changes,
        )
        audit_record(
            actor=actor,
            action="training.waiting" if waiting else "training.signed_up",
            target=sign_up,
            acting_for=acting_for,
        )
    sign_up.session = locked
    _tell(sign_up, "waiting" if waiting else "booked", by=actor if acting_for else None)
    return sign_up


def training_cancel(*, sign_up: SignUp, actor) -> SignUp:
    """Give up a place, or leave the waiting list, before the session starts
    (one's own, or an advocate for the person they help). A freed place goes
    at once to the first on the waiting list, under the session's lock, so two
    cancellations at the same moment fill two places, never more."""
    if actor is None:
        raise PermissionDenied(_("You can only cancel your own place."))
    acting_for = _acting_for(actor, sign_up.person)
    with transaction.atomic():
        try:
            locked = _locked_session(sign_up.session)
        except ValidationError as error:
            raise ValidationError(
                _("This session has already started, so the place cannot be given up.")
            ) from error
        current = SignUp.objects.get(pk=sign_up.pk).status
        move = "leave_waiting_list" if current == WAITING else "cancel"
        cancelled = transition(sign_up, move, actor=actor, acting_for=acting_for)
        cancelled.session = locked
        what = "left" if move == "leave_waiting_list" else "cancelled"
        _tell(cancelled, what, by=actor if acting_for else None)
        if move == "cancel":
            _fill_from_waiting_list(locked)
    return cancelled


def _fill_from_waiting_list(locked: Session) -> None:
    """Give free places to the first people on the waiting list, and tell them.
    Call with the session row locked."""
    free = locked.capacity - _booked(locked)
    if free <= 0:
        return
    first = SignUp.objects.filter(session=locked, status=WAITING).order_by(
        "waiting_since", "pk"
    )[:free]
    for waiting in first:
        offered = transition(
            waiting, "offer_place", actor=None, changes={"waiting_since": None}
        )
        offered.session = locked
        _tell(offered, "offered")


# ---------------------------------------------------------------- messages


def _when_and_where(session: Session) -> str:
    lines = [
        _("When: %(start)s to %(end)s")
        % {
            "start": date_and_time(session.starts_at),
            "end": time_of_day(session.ends_at),
        },
        _("Where: %(place)s") % {"place": session.where},
    ]
    if session.online_link:
        lines.append(_("Joining link: %(link)s") % {"link": session.online_link})
    return "\n".join(lines)


def _headline(course: str, what: str, position: int | None) -> str:
    values = {"course": course, "position": position}
    if what == "booked":
        return _("You have a place on “%(course)s”.") % values
    if what == "offered":
        return _("A place came free: you now have a place on “%(course)s”.") % values
    if what == "waiting":
        return (
            _(
                "“%(course)s” is full, so you are on the waiting list (number "
                "%(position)s). We will tell you as soon as a place comes free."
            )
            % values
        )
    if what == "left":
        return _("You have left the waiting list for “%(course)s”.") % values
    if what == "reminder":
        return _("Reminder: your training “%(course)s” is coming up.") % values
    return _("Your place on “%(course)s” is cancelled.") % values


def _tell(sign_up: SignUp, what: str, *, by=None) -> None:
    """Send the person a short message about their place, in their language,
    with when and where (and the joining link) unless it is cancelled. Each
    booking, cancellation or reminder is a message of its own: its key carries
    the moment the place changed (for a reminder, the session's start)."""
    session = sign_up.session
    course = session.course.title
    position = waiting_position(sign_up) if what == "waiting" else None
    moment = session.starts_at if what == "reminder" else sign_up.updated_at

    def headline():
        return _headline(course, what, position)

    def body():
        parts = [headline()]
        if by is not None:
            name = by.get_full_name() or by.email
            parts.append(_("%(name)s did this for you.") % {"name": name})
        if what in {"booked", "offered", "reminder"}:
            parts.append(_when_and_where(session))
        parts.append(absolute(reverse("training:index")))
        return "\n\n".join(parts)

    notify(
        recipient=sign_up.person,
        key=f"training-{sign_up.pk}-{what}-{moment.timestamp():.6f}",
        subject=headline,
        body=body,
    )


def reminder_days() -> int:
    return settings.INVOLVE_TRAINING_REMINDER_DAYS


def training_reminders_send(*, now=None, days: int | None = None) -> int:
    """Remind each person with a place on a session that starts within `days`
    days (London calendar days: 2 means the day after tomorrow and sooner),
    once: each reminder is recorded (`Reminder`, unique per place and start
    time) in the transaction that sends it, so running the job again, or twice
    at once, sends nothing twice. Cancelled places and the waiting list get
    nothing. Run daily: `manage.py send_training_reminders`."""
    now = now or timezone.now()
    days = reminder_days() if days is None else days
    last_day = now.astimezone(LONDON).date() + datetime.timedelta(days=days + 1)
    until = datetime.datetime.combine(last_day, datetime.time(0), tzinfo=LONDON)
    due = (
        SignUp.objects.filter(
            status=BOOKED,
            session__starts_at__gt=now,
            session__starts_at__lt=until,
        )
        .exclude(reminders__starts_at=F("session__starts_at"))
        .select_related("person", "session__course")
        .order_by("session__starts_at", "pk")
    )
    sent = 0
    for sign_up in due:
        try:
            with transaction.atomic():
                # The place may have been cancelled since it was read.
                still = (
                    SignUp.objects.select_for_update()
                    .filter(pk=sign_up.pk, status=BOOKED)
                    .exists()
                )
                if not still:
                    continue
                Reminder.objects.create(
                    sign_up=sign_up, starts_at=sign_up.session.starts_at
                )
                _tell(sign_up, "reminder")
        except IntegrityError:
            continue  # another run sent this reminder first
        sent += 1
    return sent


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
