"""Addresses that may only ever point back at this site."""

import re

from django.utils.http import url_has_allowed_host_and_scheme

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def same_site_path(value: str | None, *, max_length: int = 500) -> str:
    """`value` if it is a path on this site, otherwise "".

    Browsers read a backslash as a slash and drop tabs and line breaks, so
    `/\\evil.example/` would go off-site: both are normalised before Django's own
    check, which refuses anything with a host or scheme.
    """
    path = _INVISIBLE.sub("", value or "").replace("\\", "/")
    if not path.startswith("/") or path.startswith("//") or len(path) > max_length:
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return ""
    return path
