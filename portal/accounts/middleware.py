from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .roles import ACCESS_ADMIN


class StaffMfaRequiredMiddleware:
    """Send staff without two-factor authentication to set it up before the admin.

    On in production (INVOLVE_REQUIRE_STAFF_MFA), off in the demo. Only admin URLs are
    checked, so residents' pages pay nothing for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.INVOLVE_REQUIRE_STAFF_MFA
            and request.path.startswith("/admin/")
            and request.user.is_authenticated
            and request.user.has_perm(ACCESS_ADMIN)
            and not request.user.authenticator_set.exists()
        ):
            messages.warning(
                request,
                _(
                    "Staff must use two-factor authentication. Set up an "
                    "authenticator app to continue to the back office."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
