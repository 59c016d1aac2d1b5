"""GOV.UK Notify as the real provider for texts and email, tested against a local
server that speaks its API, with delivery receipts recorded in the outbox."""

import json

import pytest

from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences
from portal.core.models import Notification
from portal.core.services import notify

from .fake_notify import API_KEY, FakeNotify

pytestmark = pytest.mark.django_db
SMS_TEMPLATE = "11111111-1111-1111-1111-111111111111"
EMAIL_TEMPLATE = "22222222-2222-2222-2222-222222222222"


@pytest.fixture
def fake_notify(settings):
    with FakeNotify() as fake:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = fake.url
        settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
        settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
        settings.NOTIFY_CALLBACK_TOKEN = "callback-secret-0123456789"
        settings.SMS_BACKEND = "portal.core.govuk_notify.NotifySmsBackend"
        settings.EMAIL_BACKEND = "portal.core.govuk_notify.NotifyEmailBackend"
        yield fake


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_texts_and_emails_go_through_notify_with_our_reference(fake_notify, committed):
    person = UserFactory()
    ContactPreferences.objects.create(
        user=person, by_email=True, by_sms=True, phone="07700900123"
    )
    with committed():
        notify(recipient=person, key="meeting-1-new", subject="New", body="A meeting")

    by_kind = {request["kind"]: request for request in fake_notify.requests}
    assert by_kind["sms"]["phone_number"] == "07700900123"
    assert by_kind["sms"]["template_id"] == SMS_TEMPLATE
    assert by_kind["sms"]["personalisation"] == {"body": "A meeting"}
    email = by_kind["email"]
    assert email["email_address"] == person.email
    assert email["personalisation"]["subject"] == "New"
    assert email["one_click_unsubscribe_url"].startswith(
        "http://testserver/notifications/unsubscribe/"
    )
    for channel in ("sms", "email"):
        sent = Notification.objects.get(recipient=person, channel=channel)
        assert sent.status == "sent"
        assert sent.provider_reference == by_kind[channel]["id"]
        assert by_kind[channel]["reference"] == f"involve-{sent.pk}"


def test_a_refused_text_is_recorded_as_failed_with_notifys_reason(
    fake_notify, committed
):
    person = UserFactory()
    ContactPreferences.objects.create(
        user=person, by_email=False, by_sms=True, phone="+1 555 0100"
    )
    with committed():
        notify(recipient=person, key="k-bad", subject="S", body="B")
    failed = Notification.objects.get(recipient=person)
    assert failed.status == "failed"
    assert "Not a UK mobile number" in failed.last_error


def test_delivery_receipts_are_recorded_only_with_the_right_token(
    client, fake_notify, committed
):
    person = UserFactory()
    with committed():
        notify(recipient=person, key="k-receipt", subject="S", body="B")
    sent = Notification.objects.get(recipient=person)
    receipt = json.dumps({"id": sent.provider_reference, "status": "delivered"})

    forged = client.post(
        "/notifications/delivery-receipts/",
        receipt,
        content_type="application/json",
        headers={"Authorization": "Bearer wrong"},
    )
    assert forged.status_code == 401
    sent.refresh_from_db()
    assert sent.delivery == ""

    response = client.post(
        "/notifications/delivery-receipts/",
        receipt,
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret-0123456789"},
    )
    assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.delivery == "delivered" and sent.delivery_reported_at

    bad = client.post(
        "/notifications/delivery-receipts/",
        json.dumps({"id": sent.provider_reference, "status": "exploded"}),
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret-0123456789"},
    )
    assert bad.status_code == 400
    garbage = client.post(
        "/notifications/delivery-receipts/",
        "not json",
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret-0123456789"},
    )
    assert garbage.status_code == 400
