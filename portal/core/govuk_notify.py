"""GOV.UK Notify as the text message and email provider (councils and many housing
associations already use it), through its own Python client.

Settings: `NOTIFY_API_KEY`, `NOTIFY_SMS_TEMPLATE_ID` and `NOTIFY_EMAIL_TEMPLATE_ID`
(templates whose content is `((body))`, and `((subject))` as the email subject),
`NOTIFY_BASE_URL` (a local fake in tests) and `NOTIFY_CALLBACK_TOKEN` (the bearer
token Notify sends with delivery receipts to `/notifications/delivery-receipts/`).
Choose them with `SMS_BACKEND=portal.core.govuk_notify.NotifySmsBackend` and
`EMAIL_BACKEND=portal.core.govuk_notify.NotifyEmailBackend`.
"""

import hmac
import json

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from notifications_python_client.notifications import NotificationsAPIClient

from .models import Notification

DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"


def _client() -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY,
        base_url=getattr(settings, "NOTIFY_BASE_URL", "") or DEFAULT_BASE_URL,
        timeout=10,
    )


class NotifySmsBackend:
    def send(self, *, to: str, body: str, reference: str = "") -> str:
        response = _client().send_sms_notification(
            phone_number=to,
            template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"body": body},
            reference=reference or None,
        )
        return response["id"]


class NotifyEmailBackend(BaseEmailBackend):
    """Sends each message's plain text through one Notify template. The outbox's
    reference and the one-click unsubscribe link go with it."""

    def send_messages(self, email_messages) -> int:
        client = _client()
        sent = 0
        for message in email_messages:
            unsubscribe = message.extra_headers.get("List-Unsubscribe", "").strip("<>")
            for address in message.to:
                response = client.send_email_notification(
                    email_address=address,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=getattr(message, "involve_reference", None),
                    one_click_unsubscribe_url=unsubscribe or None,
                )
                message.provider_reference = response["id"]
                sent += 1
        return sent


DELIVERY_STATUSES = {choice for choice, _label in Notification.Delivery.choices}


@csrf_exempt  # a provider's server calls this; the bearer token authenticates it
@require_POST
def delivery_receipt(request):
    """Record what Notify says happened to a message we sent."""
    expected = getattr(settings, "NOTIFY_CALLBACK_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return HttpResponse(status=401)
    try:
        receipt = json.loads(request.body)
        provider_id = str(receipt["id"])
        status = str(receipt["status"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Expected JSON with id and status.")
    if status not in DELIVERY_STATUSES or not status:
        return HttpResponseBadRequest("Unknown status.")
    with transaction.atomic():
        updated = Notification.objects.filter(provider_reference=provider_id).update(
            delivery=status, delivery_reported_at=timezone.now()
        )
    return JsonResponse({"updated": updated})
