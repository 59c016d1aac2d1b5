"""How a message reaches a person: in their language and format, within the text
message cap and quiet hours, and never again once they unsubscribed from its kind.

`services.notify` asks these questions; nothing here writes to the outbox.
Preferences are read by duck typing (`recipient.contact_preferences`), so core
knows no feature app.
"""

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LONDON = ZoneInfo("Europe/London")
UNSUBSCRIBE_SALT = "involve.notifications.unsubscribe"
PREFERENCES_SALT = "involve.notifications.preferences"
# A preference-centre link in an email works for this long without signing in.
PREFERENCES_LINK_DAYS = 90

Text = str | Callable[[], str]


def message_kind(key: str) -> str:
    """`meeting.reminder:7` → `meeting`; `grant-12-approved` → `grant`."""
    for index, character in enumerate(key):
        if character in ".-:_":
            return key[:index] or key
    return key


def recipient_language(recipient) -> str:
    """The language the person asked for, if we write in it; else British English."""
    prefs = getattr(recipient, "contact_preferences", None)
    wanted = (getattr(prefs, "language", "") or "").lower()
    codes = {code for code, _name in settings.LANGUAGES}
    if wanted in codes:
        return wanted
    if wanted.split("-")[0] in codes:
        return wanted.split("-")[0]
    return settings.LANGUAGE_CODE


def render(text: Text, language: str) -> str:
    """Render a message in the recipient's language. Callables and lazy strings
    are translated now, under that language; plain strings are already final."""
    with translation.override(language):
        return str(text() if callable(text) else text)


def format_note(recipient) -> str:
    """The formats a person asked for, for staff who send by post or phone."""
    prefs = getattr(recipient, "contact_preferences", None)
    if prefs is None:
        return ""
    labels = {
        "large_print": _("Large print"),
        "braille": _("Braille"),
        "audio": _("Audio"),
        "easy_read": _("Easy read"),
    }
    notes = [label for name, label in labels.items() if getattr(prefs, name, False)]
    if getattr(prefs, "other_language", ""):
        notes.append(_("In %(language)s") % {"language": prefs.other_language})
    return ", ".join(str(note) for note in notes)


def wants_easy_read(recipient) -> bool:
    prefs = getattr(recipient, "contact_preferences", None)
    return bool(getattr(prefs, "easy_read", False))


def wants_large_print(recipient) -> bool:
    prefs = getattr(recipient, "contact_preferences", None)
    return bool(getattr(prefs, "large_print", False))


def round_up(recipient, channel: str) -> str:
    """ "daily" or "weekly" if the person wants news on this channel in a round-up,
    else "" (send it as it happens). Post and phone are never rounded up."""
    prefs = getattr(recipient, "contact_preferences", None)
    frequency = getattr(prefs, f"{channel}_frequency", "") if prefs else ""
    return frequency if frequency in {"daily", "weekly"} else ""


def sms_yearly_cap() -> int:
    return int(getattr(settings, "INVOLVE_SMS_YEARLY_CAP", 10))


def start_of_year(now: datetime.datetime | None = None) -> datetime.datetime:
    local = (now or timezone.now()).astimezone(LONDON)
    return datetime.datetime(local.year, 1, 1, tzinfo=LONDON)


def _quiet_window() -> tuple[datetime.time, datetime.time] | None:
    value = getattr(settings, "INVOLVE_SMS_QUIET_HOURS", "")
    if not value:
        return None
    start, end = value.split("-")
    return (
        datetime.time.fromisoformat(start.strip()),
        datetime.time.fromisoformat(end.strip()),
    )


def quiet_until(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """When quiet hours end, if it is quiet hours now (no texts overnight)."""
    window = _quiet_window()
    if window is None:
        return None
    start, end = window
    local = (now or timezone.now()).astimezone(LONDON)
    clock = local.time()
    overnight = start > end
    quiet = (clock >= start or clock < end) if overnight else (start <= clock < end)
    if not quiet:
        return None
    day = local.date()
    if overnight and clock >= start:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, end, tzinfo=LONDON)


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A link only we can make: who, and which kind of message to stop. It never
    expires and carries no time, so every message of that kind to that person
    has the same link."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user_id, "k": kind})


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return int(data["u"]), str(data["k"])


def preferences_token(*, user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=PREFERENCES_SALT)


def read_preferences_token(token: str) -> int | None:
    try:
        data = signing.loads(
            token,
            salt=PREFERENCES_SALT,
            max_age=datetime.timedelta(days=PREFERENCES_LINK_DAYS),
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return int(data["u"])


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    return absolute(
        reverse(
            "notifications:unsubscribe",
            kwargs={"token": unsubscribe_token(user_id=user_id, kind=kind)},
        )
    )


def preferences_url(*, user_id: int) -> str:
    return absolute(
        reverse(
            "notifications:preferences",
            kwargs={"token": preferences_token(user_id=user_id)},
        )
    )


# What each kind of message is about, in words people choose from. Kinds not
# listed read as themselves; features may add theirs with `register_kind`.
KIND_LABELS: dict = {
    "advocate": gettext_lazy("Someone acting for you"),
    "alert": gettext_lazy("News about what you follow"),
    "bank": gettext_lazy("Your bank details"),
    "competition": gettext_lazy("Competitions"),
    "consultation": gettext_lazy("Consultation results"),
    "digest": gettext_lazy("Daily or weekly round-ups"),
    "expenses": gettext_lazy("Your expense claims"),
    "format": gettext_lazy("Your requests for other formats"),
    "grant": gettext_lazy("Your grant applications"),
    "group": gettext_lazy("Your group's recognition"),
    "meeting": gettext_lazy("Meetings: new dates, changes and reminders"),
    "minutes": gettext_lazy("Minutes of meetings you came to"),
    "opportunity": gettext_lazy("Invitations to get involved"),
    "payment": gettext_lazy("Payments to you"),
    "resident": gettext_lazy("Checking your home"),
    "rsvp": gettext_lazy("Your replies to meetings"),
    "welcome": gettext_lazy("Welcome messages"),
}


def register_kind(kind: str, label) -> None:
    KIND_LABELS[kind] = label


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
