"""Keep the session's note of whether the account uses two-factor authentication
(read by StaffMfaRequiredMiddleware), so the back office does not ask the database
on every page."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

MFA_ENABLED_SESSION_KEY = "involve_mfa_enabled"


def note_mfa(request, user) -> bool:
    enabled = is_mfa_enabled(user)
    if request is not None and hasattr(request, "session"):
        request.session[MFA_ENABLED_SESSION_KEY] = enabled
    return enabled


@receiver(user_logged_in, dispatch_uid="involve-note-mfa-on-login")
def _on_login(sender, request, user, **kwargs):
    note_mfa(request, user)


@receiver(authenticator_added, dispatch_uid="involve-note-mfa-added")
@receiver(authenticator_removed, dispatch_uid="involve-note-mfa-removed")
def _on_authenticator_change(sender, request, user, **kwargs):
    note_mfa(request, user)
