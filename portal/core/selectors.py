from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def audit_trail_for(target: models.Model):
    """The record's history, newest first, with the people named in one query."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
    ).select_related("actor", "acting_for")
