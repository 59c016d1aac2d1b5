"""Snapshots are taken when attendance is recorded or a response is sent, however
that happens (the officer's attendance screen, a paper response, the demo), so
the apps that record them need not know this one exists."""

from django.db.models.signals import post_delete, post_save


def _attendance_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import snapshot_for_attendance

    snapshot_for_attendance(instance)


def _response_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .services import snapshot_for_response

    snapshot_for_response(instance)


def _equality_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.representation_consent_at is not None:
        return
    from .services import snapshots_withdraw_consent

    snapshots_withdraw_consent(person_id=instance.user_id)


def _equality_deleted(sender, instance, **kwargs):
    from .services import snapshots_withdraw_consent

    snapshots_withdraw_consent(person_id=instance.user_id)


def connect() -> None:
    from cms.consultations.models import Response
    from portal.accounts.models import EqualityMonitoring
    from portal.participation.models import Attendance

    post_save.connect(_attendance_saved, sender=Attendance, dispatch_uid="reach-att")
    post_save.connect(_response_saved, sender=Response, dispatch_uid="reach-resp")
    post_save.connect(
        _equality_saved, sender=EqualityMonitoring, dispatch_uid="reach-eq-save"
    )
    post_delete.connect(
        _equality_deleted, sender=EqualityMonitoring, dispatch_uid="reach-eq-del"
    )
