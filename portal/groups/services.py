"""Writes for resident groups: officers, the document locker, activity and
recognition. Each checks who may do it, runs in one transaction and leaves an
audit entry."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.dates import london_today
from portal.core.files import private_file_store
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.tasks import send_email
from portal.core.transitions import transition

from .hooks import evidence_summary
from .models import (
    Activity,
    Document,
    Group,
    Officer,
    OfficerInvitation,
    RecognitionApplication,
    RecognitionRules,
)
from .selectors import is_officer, last_agm_date, recognition_checklist

DECIDE_PERMISSION = "groups.decide_recognition"


def _require_officer(user: User, group: Group) -> None:
    if not is_officer(user, group):
        raise PermissionDenied(_("Only the group’s officers can do this."))


def _require_officer_or_staff(user: User, group: Group) -> None:
    if not (is_officer(user, group) or user.has_perm(DECIDE_PERMISSION)):
        raise PermissionDenied(_("Only the group’s officers can do this."))


@transaction.atomic
def officer_add(
    *,
    group: Group,
    actor: User,
    user: User,
    role: str,
    elected_on: datetime.date,
    term_ends: datetime.date | None = None,
) -> Officer:
    """Staff name a group's first officers; later officers come by invitation."""
    _require_officer_or_staff(actor, group)
    if Officer.objects.filter(group=group, user=user).exists():
        raise ValidationError({"user": _("This person is already an officer.")})
    officer = Officer.objects.create(
        group=group, user=user, role=role, elected_on=elected_on, term_ends=term_ends
    )
    audit_record(
        actor=actor,
        action="group.officer_added",
        target=group,
        to_state=role,
        details={"officer": user.pk},
    )
    return officer


@transaction.atomic
def officer_invite(
    *, group: Group, actor: User, email: str, role: str, elected_on: datetime.date
) -> OfficerInvitation:
    """Invite someone by email to become an officer; they accept when signed in."""
    _require_officer(actor, group)
    email = email.strip().lower()
    if Officer.objects.filter(group=group, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already an officer.")})
    invitation = OfficerInvitation.objects.create(
        group=group, email=email, role=role, elected_on=elected_on, invited_by=actor
    )
    audit_record(
        actor=actor,
        action="group.officer_invited",
        target=group,
        to_state=role,
        details={"email": email},
    )
    link = settings.WAGTAILADMIN_BASE_URL + reverse(
        "groups:invitation", args=[invitation.token]
    )
    body = _(
        "%(inviter)s has invited you to be %(role)s of %(group)s.\n\n"
        "Sign in or create an account with this email address, then open this "
        "link to accept: %(link)s"
    ) % {
        "inviter": actor,
        "role": invitation.get_role_display().lower(),
        "group": group,
        "link": link,
    }
    subject = _("You are invited to help run %(group)s") % {"group": group}
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=[email])
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: OfficerInvitation, user: User) -> Officer:
    invitation = OfficerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been used."))
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to a different email address.")
        )
    if Officer.objects.filter(group=invitation.group, user=user).exists():
        raise ValidationError(_("You are already an officer of this group."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    officer = Officer.objects.create(
        group=invitation.group,
        user=user,
        role=invitation.role,
        elected_on=invitation.elected_on,
    )
    audit_record(
        actor=user,
        action="group.officer_joined",
        target=invitation.group,
        to_state=invitation.role,
        details={"officer": user.pk},
    )
    return officer


@transaction.atomic
def officer_update(
    *,
    officer: Officer,
    actor: User,
    role: str,
    elected_on: datetime.date,
    term_ends: datetime.date | None,
    may_be_named: bool,
) -> Officer:
    _require_officer_or_staff(actor, officer.group)
    # Read the old role from the database: a ModelForm may have changed ours.
    previous = Officer.objects.values_list("role", flat=True).get(pk=officer.pk)
    officer.role = role
    officer.elected_on = elected_on
    officer.term_ends = term_ends
    officer.may_be_named = may_be_named
    officer.save()
    audit_record(
        actor=actor,
        action="group.officer_changed",
        target=officer.group,
        from_state=previous,
        to_state=role,
        details={"officer": officer.user_id, "may_be_named": may_be_named},
    )
    return officer


@transaction.atomic
def officer_remove(*, officer: Officer, actor: User, reason: str = "") -> None:
    """Remove an officer; a group always keeps at least one."""
    _require_officer_or_staff(actor, officer.group)
    # Lock the group's officers so two removals at once cannot leave none.
    others = list(
        Officer.objects.select_for_update()
        .filter(group_id=officer.group_id)
        .exclude(pk=officer.pk)
        .values_list("pk", flat=True)
    )
    if not others:
        raise ValidationError(
            _(
                "A group must always have at least one officer. Add someone else "
                "before removing the last one."
            )
        )
    audit_record(
        actor=actor,
        action="group.officer_removed",
        target=officer.group,
        from_state=officer.role,
        reason=reason,
        details={"officer": officer.user_id},
    )
    officer.delete()


@transaction.atomic
def document_upload(
    *, group: Group, actor: User, upload, content_type: str, **fields
) -> Document:
    """Add a document to the group's private locker (older versions are kept)."""
    _require_officer_or_staff(actor, group)
    stored = private_file_store(
        upload=upload, uploaded_by=actor, content_type=content_type
    )
    document = Document.objects.create(
        group=group, file=stored, uploaded_by=actor, **fields
    )
    audit_record(
        actor=actor,
        action="group.document_added",
        target=group,
        to_state=document.kind,
        details={"document": document.pk, "dated": document.dated.isoformat()},
    )
    return document


@transaction.atomic
def activity_record(
    *, group: Group, actor: User, minutes_upload=None, minutes_type="", **fields
) -> Activity:
    """Record a public meeting, AGM or newsletter (minutes stored privately)."""
    _require_officer_or_staff(actor, group)
    minutes = (
        private_file_store(
            upload=minutes_upload, uploaded_by=actor, content_type=minutes_type
        )
        if minutes_upload
        else None
    )
    activity = Activity.objects.create(
        group=group, recorded_by=actor, minutes=minutes, **fields
    )
    audit_record(
        actor=actor,
        action="group.activity_recorded",
        target=group,
        to_state=activity.kind,
        details={"activity": activity.pk, "date": activity.date.isoformat()},
    )
    return activity


@transaction.atomic
def recognition_apply(*, group: Group, actor: User) -> RecognitionApplication:
    """Officers apply (or re-apply) once every criterion is met."""
    _require_officer(actor, group)
    Group.objects.select_for_update().get(pk=group.pk)
    if RecognitionApplication.objects.filter(
        group=group, status=RecognitionApplication.Status.PENDING
    ).exists():
        raise ValidationError(
            _("You have already applied. We will tell you our decision.")
        )
    checklist = recognition_checklist(group)
    unmet = [criterion for criterion in checklist if not criterion.met]
    if unmet:
        raise ValidationError(
            [
                _("%(label)s: %(reason)s") % {"label": c.label, "reason": c.reason}
                for c in unmet
            ]
        )
    application = RecognitionApplication.objects.create(
        group=group,
        applied_by=actor,
        checklist=[criterion.as_json() for criterion in checklist],
    )
    audit_record(
        actor=actor,
        action="group.recognition_applied",
        target=group,
        to_state=application.status,
    )
    return application


def recognition_end_date(
    group: Group, *, on: datetime.date, rules=None
) -> datetime.date:
    """Recognition lasts until the evidence expires or the next AGM falls due,
    whichever comes first."""

    rules = rules or RecognitionRules.load()
    dates = []
    evidence_expiry = evidence_summary(group, on=on, rules=rules).expires_on
    if evidence_expiry:
        dates.append(evidence_expiry)
    if not group.is_representative:
        agm = last_agm_date(group)
        if agm:
            dates.append(agm + relativedelta(months=rules.agm_months))
    return min(dates) if dates else on + relativedelta(months=rules.renewal_months)


@transaction.atomic
def recognition_decide(
    *,
    application: RecognitionApplication,
    officer: User,
    approve: bool,
    reason: str,
) -> RecognitionApplication:
    """An involvement officer recognises a group (or not), always with a reason."""
    if not officer.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied(_("You do not have permission to decide recognition."))
    group = application.group
    changes = {"decided_by": officer, "decided_at": timezone.now()}
    changes["decision_reason"] = reason = reason.strip()
    if approve:
        changes["recognised_until"] = recognition_end_date(group, on=london_today())
    until = changes.get("recognised_until")
    application = transition(
        application,
        "approve" if approve else "reject",
        actor=officer,
        reason=reason,
        check=lambda locked: check_separation(actor=officer, record=locked),
        changes=changes,
        audit_target=group,
        details={
            "application": application.pk,
            "recognised_until": until.isoformat() if until else None,
        },
    )
    if approve:
        subject = _("%(group)s is recognised") % {"group": group}
        body = _(
            "We have recognised %(group)s until %(until)s. %(reason)s\n\nWe will "
            "remind you before it needs renewing."
        ) % {
            "group": group,
            "until": date_format(application.recognised_until, "j F Y"),
            "reason": reason,
        }
    else:
        subject = _("We could not recognise %(group)s yet") % {"group": group}
        body = _(
            "We looked at your application for %(group)s. Why we could not "
            "recognise it: %(reason)s\n\nYou can apply again when this is sorted."
        ) % {"group": group, "reason": reason}
    for group_officer in group.officers.select_related("user"):
        notify(
            recipient=group_officer.user,
            key=f"group.recognition:{application.pk}",
            subject=subject,
            body=body,
        )
    return application


@transaction.atomic
def group_derecognise(*, group: Group, officer: User, reason: str) -> Group:
    if not officer.has_perm(DECIDE_PERMISSION):
        raise PermissionDenied(_("You do not have permission to decide recognition."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason the officers will see.")})
    group = Group.objects.select_for_update().get(pk=group.pk)
    group.derecognised_on = london_today()
    group.derecognised_reason = reason.strip()
    group.save(update_fields=["derecognised_on", "derecognised_reason"])
    audit_record(
        actor=officer,
        action="group.derecognised",
        target=group,
        to_state="derecognised",
        reason=group.derecognised_reason,
    )
    for group_officer in group.officers.select_related("user"):
        notify(
            recipient=group_officer.user,
            key=f"group.derecognised:{group.pk}:{group.derecognised_on}",
            subject=_("%(group)s is no longer recognised") % {"group": group},
            body=_("Why: %(reason)s") % {"reason": group.derecognised_reason},
        )
    return group


def recognition_reminders_send(*, on: datetime.date | None = None) -> int:
    """Remind officers before recognition ends (90, 30 and 7 days by default).

    Safe to run as often as you like: each reminder has its own key, so it goes
    out exactly once; a missed day sends only the nearest reminder due.
    Run it daily: `manage.py send_recognition_reminders`.
    """
    from .selectors import recognised_groups

    on = on or london_today()
    rules = RecognitionRules.load()
    days_list = sorted(rules.reminder_days)
    sent = 0
    horizon = on + datetime.timedelta(days=max(days_list, default=0))
    groups = recognised_groups(on=on).filter(recognised_until__lte=horizon)
    for group in groups.prefetch_related("officers__user"):
        days_left = (group.recognised_until - on).days
        due = next((d for d in days_list if days_left <= d), None)
        if due is None:
            continue
        key = f"group.renewal_reminder:{group.pk}:{group.recognised_until}:{due}"
        long_date = date_format(group.recognised_until, "j F Y")
        for group_officer in group.officers.all():
            with transaction.atomic():
                sent += len(
                    notify(
                        recipient=group_officer.user,
                        key=key,
                        subject=_("%(group)s: recognition ends on %(date)s")
                        % {"group": group, "date": long_date},
                        body=_(
                            "Recognition of %(group)s ends in %(days)s days, on "
                            "%(date)s. Check your records and apply to renew in "
                            "the portal."
                        )
                        % {
                            "group": group,
                            "days": days_left,
                            "date": long_date,
                        },
                    )
                )
    return sent


@transaction.atomic
def group_contact_send(
    *, group: Group, sender_name: str, sender_email: str, message: str
) -> int:
    """A message from the group's public page to each of its officers, through
    their own contact preferences (so their addresses are never published).
    Audited without the message itself. Returns how many officers it reached."""
    import uuid

    officers = list(group.officers.select_related("user", "user__contact_preferences"))
    key = f"group-contact:{group.pk}:{uuid.uuid4()}"
    subject = _("A message for %(group)s from the website") % {"group": group.name}
    body = _(
        "%(name)s (%(email)s) sent this message to %(group)s through the group's "
        "public page. Reply to them at that address.\n\n%(message)s"
    ) % {
        "name": sender_name,
        "email": sender_email,
        "group": group.name,
        "message": message,
    }
    for officer in officers:
        notify(recipient=officer.user, key=key, subject=subject, body=body)
    audit_record(
        actor=None,
        action="group.contact_sent",
        target=group,
        details={"officers": len(officers)},
    )
    return len(officers)
