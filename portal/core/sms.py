"""Text message backends, chosen by the SMS_BACKEND setting (like EMAIL_BACKEND).

The console backend (default) prints messages; the locmem backend keeps them in
`outbox` for tests. A provider (e.g. GOV.UK Notify) plugs in as another class
with the same `send(to, body, reference)` method, returning the provider's id
for the message (recorded in the outbox to match delivery receipts).
"""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class ConsoleSmsBackend:
    def send(self, *, to: str, body: str, reference: str = "") -> str:
        logger.info("SMS to %s: %s", to, body)
        return ""


class LocmemSmsBackend:
    outbox: list[dict] = []

    def send(self, *, to: str, body: str, reference: str = "") -> str:
        type(self).outbox.append({"to": to, "body": body})
        return ""


def get_sms_backend():
    return import_string(
        getattr(settings, "SMS_BACKEND", "portal.core.sms.ConsoleSmsBackend")
    )()
