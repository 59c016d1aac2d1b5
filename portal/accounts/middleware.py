from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .roles import ACCESS_ADMIN
from .signals import MFA_ENABLED_SESSION_KEY, note_mfa


def account_uses_mfa(request) -> bool:
    """Whether the account has an authenticator, as noted in the session at sign-in
    (and when one is added or removed); a session made any other way has no note,
    so the database is asked once."""
    enabled = request.session.get(MFA_ENABLED_SESSION_KEY)
    if enabled is None:
        enabled = note_mfa(request, request.user)
    return enabled


def session_passed_second_factor(request) -> bool:
    """Whether this session (not just the account) gave a second factor.

    allauth keeps a record of every authentication step taken in the session; a
    sign-in that used an authenticator app or a recovery code leaves an "mfa" one.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffMfaRequiredMiddleware:
    """Two-factor authentication for the back office, checked per session.

    Anyone with an authenticator must have used it in this session before the admin
    opens (so a session made without the code, by any route, is sent to give it).
    With INVOLVE_REQUIRE_STAFF_MFA (on in production) staff without one are sent to
    set it up first. Only admin URLs are checked, so residents' pages pay nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.has_perm(ACCESS_ADMIN)
        ):
            if account_uses_mfa(request):
                if not session_passed_second_factor(request):
                    messages.info(
                        request,
                        _(
                            "Enter the code from your authenticator app to continue "
                            "to the back office."
                        ),
                    )
                    return redirect(
                        reverse_with_next("mfa_reauthenticate", request.get_full_path())
                    )
            elif settings.INVOLVE_REQUIRE_STAFF_MFA:
                messages.warning(
                    request,
                    _(
                        "Staff must use two-factor authentication. Set up an "
                        "authenticator app to continue to the back office."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def reverse_with_next(name: str, next_path: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_path})}"
