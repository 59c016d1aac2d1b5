"""Officers: staff name a group's first officers, officers invite others, who
accept when signed in; change and remove (a group always keeps one)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.services import audit_record
from portal.core.tasks import send_email

from ..models import Group, Officer, OfficerInvitation
from .rules import require_officer, require_officer_or_staff


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
    require_officer_or_staff(actor, group)
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
    require_officer(actor, group)
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
    require_officer_or_staff(actor, officer.group)
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
    require_officer_or_staff(actor, officer.group)
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
