"""Private uploads: check what a file really is, store it privately, and decide
who may see it."""

import hashlib
from collections.abc import Callable

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import PrivateFile

# What residents may upload as evidence: photos of paper and PDFs.
EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    "image/heic": "HEIC",
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def check_upload(upload, *, allowed=EVIDENCE_TYPES, max_bytes=MAX_UPLOAD_BYTES) -> str:
    """Return the real content type of an upload, or raise a clear error."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB. Files must be smaller than %(max)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "max": max_bytes // 1_048_576}
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in allowed:
        raise ValidationError(
            _("This file is not a %(types)s. Take a photo or save it as a PDF.")
            % {"types": ", ".join(sorted(set(allowed.values())))}
        )
    return kind.mime


def private_file_store(*, upload, uploaded_by, content_type: str) -> PrivateFile:
    """Save an upload (already checked with check_upload) to private storage."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    private = PrivateFile(
        original_name=upload.name[:200],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=uploaded_by,
    )
    private.file.save(private.pk.hex, upload, save=False)
    private.save()
    return private


def private_files_release(*, user) -> None:
    """On closing an account: delete the files that were only that person's
    (proof of address) and keep, without their name, the files a kept record
    still uses (a group's documents and minutes, sign-up sheets, receipts and
    grant files are the landlord's and the group's records, not theirs)."""
    files = PrivateFile.objects.filter(uploaded_by=user)
    in_use = set()
    for relation in PrivateFile._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete:
            name = relation.field.name
            in_use.update(
                relation.related_model.objects.filter(
                    **{f"{name}__in": files}
                ).values_list(name, flat=True)
            )
    files.filter(pk__in=in_use).update(uploaded_by=None)
    for private in files.exclude(pk__in=in_use):
        private.file.delete(save=False)
        private.delete()


def release_on_close(*, user, holding=None, rows=None) -> None:
    """The personal-data register's closing action for private files."""
    private_files_release(user=user)


# Each feature app registers who else may see the private files its records use
# (a group's officers see its documents; grants staff and the applicant see grant
# files), from its own `files.py` imported in its `AppConfig.ready()`, so this
# module imports no feature app.
_VISIBILITY_RULES: dict[str, Callable[[object, PrivateFile], bool]] = {}


def register_file_visibility(key: str):
    """Register `rule(user, private) -> bool` (use as a decorator); the same key
    registered again (`ready()` run twice in tests) replaces it."""

    def decorator(rule):
        _VISIBILITY_RULES[key] = rule
        return rule

    return decorator


def can_view_private_file(user, private: PrivateFile) -> bool:
    """The person who uploaded it, staff allowed to see private files, or anyone
    a feature app's registered rule lets see it."""
    if not user.is_authenticated:
        return False
    if private.uploaded_by_id == user.pk or user.has_perm(
        "portal_core.view_privatefile"
    ):
        return True
    return any(rule(user, private) for rule in _VISIBILITY_RULES.values())
