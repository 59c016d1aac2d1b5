"""Recognition: officers apply once every criterion is met, an involvement
officer decides (through `RecognitionApplication.lifecycle`), derecognition,
and renewal reminders."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.dates import london_today
from portal.core.separation import check_separation
from portal.core.services import audit_record, notify
from portal.core.transitions import transition

from ..hooks import evidence_summary
from ..models import Group, RecognitionApplication, RecognitionRules
from ..selectors import last_agm_date, recognised_groups, recognition_checklist
from .rules import DECIDE_PERMISSION, require_officer


@transaction.atomic
def recognition_apply(*, group: Group, actor: User) -> RecognitionApplication:
    """Officers apply (or re-apply) once every criterion is met."""
    require_officer(actor, group)
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
