"""The welcome a resident gets when their home is verified. Feature apps add a
paragraph each from their own `welcome.py` with `@welcome_part`, so accounts
knows no feature app; each part is called in the recipient's language, and once
more with `easy_read=True` for the easy read version (short sentences, one idea
per line)."""

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

PARTS: list = []


def welcome_part(function):
    """Register `function(person, home, *, easy_read) -> str` ("" to say nothing)."""
    if function not in PARTS:
        PARTS.append(function)
    return function


def welcome_parts() -> list:
    autodiscover_modules("welcome")
    return PARTS


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@welcome_part
def other_formats(person, home, *, easy_read=False) -> str:
    url = site_url(reverse("format_request"))
    if easy_read:
        return _(
            "Do you need things from us in a different way?\n"
            "For example big print, audio, Braille or your own language.\n"
            "Ask us here: %(url)s"
        ) % {"url": url}
    return _(
        "If you need anything from us in another format or language (large "
        "print, audio, Braille, easy read or a translation), ask here: %(url)s"
    ) % {"url": url}
