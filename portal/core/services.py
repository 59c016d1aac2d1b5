"""Writes shared by every portal app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    acting_for=None,
    details: dict | None = None,
) -> AuditEntry:
    """Add one entry to the audit log. Call it inside the transaction that makes the
    change, so a rolled-back change leaves no entry behind."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        acting_for=acting_for,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        details=details or {},
    )
