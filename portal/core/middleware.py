"""Middleware of our own: response headers that depend on which part of the site
answered, and requests no page can mean anything by."""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# Pages about one person: the portal (including the personal-data download), the
# account pages and the back office, in any language.
_PRIVATE_PATH = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?(?:portal|accounts)/|^/admin/")


class PrivatePagesNoStoreMiddleware:
    """`Cache-Control: private, no-store` (and never cached) for personal pages, so
    neither a shared proxy nor the browser's history keeps a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _PRIVATE_PATH.match(request.path_info):
            add_never_cache_headers(response)
        return response


class InvolveCSPMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict CONTENT_SECURITY_POLICY for public
    and portal pages, and INVOLVE_ADMIN_CSP for the Wagtail admin, whose editor
    needs inline scripts and styles."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith("/admin/")
        ):
            parts.config = settings.INVOLVE_ADMIN_CSP
        return parts


class QueryStringMiddleware:
    """A NUL character in the query string is never a real visitor's input, and
    PostgreSQL refuses it in any text it is sent: answer 400, not 500.

    Search boxes (`q`, ours and every Wagtail admin listing's) lose double quotes:
    SQLite's full-text engine refuses an unmatched one ("unterminated string")
    and the project offers no phrase search."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(_("This address is not valid."))
        if '"' in request.GET.get("q", ""):
            request.GET = request.GET.copy()
            request.GET.setlist(
                "q", [q.replace('"', " ") for q in request.GET.getlist("q")]
            )
        return self.get_response(request)
