"""The group's private document locker (constitution, AGM minutes, accounts,
bank statement, insurance; older versions kept)."""

from django.db import transaction

from portal.accounts.models import User
from portal.core.files import private_file_store
from portal.core.services import audit_record

from ..models import Document, Group
from .rules import require_officer_or_staff


@transaction.atomic
def document_upload(
    *, group: Group, actor: User, upload, content_type: str, **fields
) -> Document:
    """Add a document to the group's private locker (older versions are kept)."""
    require_officer_or_staff(actor, group)
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
