"""Writes: say you are interested, step back, choose your level, invite."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.services import audit_record, notify

from .models import Interest, InvolvementLevel, OpportunityPage


def interest_express(*, opportunity: OpportunityPage, user) -> Interest:
    """Idempotent: a second click (or two at once) keeps one interest."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                interest, _created = Interest.objects.get_or_create(
                    opportunity=opportunity, user=user
                )
        except IntegrityError:
            interest = Interest.objects.get(opportunity=opportunity, user=user)
        if interest.withdrawn_at:
            interest.withdrawn_at = None
            interest.save(update_fields=["withdrawn_at"])
    return interest


def interest_withdraw(*, opportunity: OpportunityPage, user) -> None:
    Interest.objects.filter(
        opportunity=opportunity, user=user, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())


def involvement_level_set(*, user, level: str) -> InvolvementLevel:
    record, _created = InvolvementLevel.objects.update_or_create(
        user=user, defaults={"level": level}
    )
    return record


def interested_invite(
    *, opportunity: OpportunityPage, actor, subject: str, message: str
) -> int:
    """Send every resident still interested an invitation (a meeting, a
    consultation), once per invitation subject."""
    with transaction.atomic():
        interests = list(
            Interest.objects.filter(opportunity=opportunity, withdrawn_at__isnull=True)
            .select_related("user__contact_preferences")
            .order_by("pk")
        )
        for interest in interests:
            notify(
                recipient=interest.user,
                key=f"opportunity-{opportunity.pk}-invite-{subject[:80]}",
                subject=subject,
                body=message,
            )
        Interest.objects.filter(pk__in=[i.pk for i in interests]).update(
            invited_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="involvement.invited",
            target=opportunity,
            reason=subject,
            details={"invited": len(interests)},
        )
    return len(interests)


def invite_default_subject(opportunity) -> str:
    return _("An invitation: %(title)s") % {"title": opportunity.title}
