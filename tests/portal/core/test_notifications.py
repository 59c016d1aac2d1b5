import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from portal.accounts.models import ContactPreferences, ResidentProfile, User
from portal.accounts.services import resident_profile_decide
from portal.core.models import Notification
from portal.core.services import notify
from portal.core.sms import LocmemSmsBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa():
    LocmemSmsBackend.outbox.clear()
    return User.objects.get(email="resident@example.org")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is queued "on commit" as if the block's transaction committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_notification_is_sent_once_however_often_it_is_asked_for(rosa, committed):
    for _ in range(3):
        with committed():
            notify(
                recipient=rosa, key="meeting.reminder:7", subject="Reminder", body="Hi"
            )
    assert [m.subject for m in mail.outbox] == ["Reminder"]
    sent = Notification.objects.get(recipient=rosa, key="meeting.reminder:7")
    assert sent.status == "sent" and sent.attempts == 1 and sent.sent_at


def test_channels_follow_the_persons_preferences(rosa, committed):
    ContactPreferences.objects.create(
        user=rosa, by_email=False, by_sms=True, by_post=True, phone="07700900123"
    )
    with committed():
        notify(recipient=rosa, key="k1", subject="Papers ready", body="Your papers")
    assert mail.outbox == []
    assert LocmemSmsBackend.outbox == [{"to": "07700900123", "body": "Your papers"}]
    by_post = Notification.objects.get(recipient=rosa, key="k1", channel="post")
    assert by_post.status == "manual"  # staff send letters by hand


def test_a_failed_send_is_recorded_and_retried(rosa, committed, settings):
    settings.EMAIL_BACKEND = "tests.portal.core.failing_email.FailingBackend"
    with committed():
        notify(recipient=rosa, key="k2", subject="Hello", body="Body")
    failed = Notification.objects.get(key="k2")
    assert failed.status == "failed" and failed.attempts == 1
    assert "ConnectionRefusedError" in failed.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("retry_notifications", stdout=out)
    assert "Queued 1 failed or held notification(s) again." in out.getvalue()
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_nothing_is_sent_when_the_change_rolls_back(rosa, committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        notify(recipient=rosa, key="k3", subject="Never", body="x")
        raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.filter(key="k3").exists()


def test_residents_hear_about_the_verification_decision(rosa, committed):
    officer = User.objects.get(email="officer@example.org")
    profile = ResidentProfile.objects.get(user=rosa)
    with committed():
        resident_profile_decide(profile=profile, officer=officer, verified=True)
    # The decision, then the welcome to involvement where they live.
    assert [m.subject for m in mail.outbox] == [
        "Your address is verified",
        "Welcome: how to get involved where you live",
    ]
    assert str(profile.home) in mail.outbox[0].body


def test_staff_read_the_outbox_but_cannot_change_it(client, rosa, committed):
    from tests.conftest import sign_in

    with committed():
        notify(recipient=rosa, key="k4", subject="Outbox check", body="x")
    sign_in(client, "officer@example.org")
    assert "Outbox check" in client.get("/admin/outbox/").content.decode()
    assert client.get("/admin/outbox/new/").status_code in {302, 403}
