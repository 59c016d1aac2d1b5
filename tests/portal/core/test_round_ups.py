"""News people follow, as it happens or in a daily or weekly round-up; alerts for
new consultations and ways to get involved that match their topics."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from cms.consultations.alerts import consultation_alert
from cms.consultations.models import ConsultationPage
from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences
from portal.core.digests import digests_send
from portal.core.models import Notification, Topic
from portal.core.services import notify

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# Week 49 of 2026 runs Monday 30 November to Sunday 6 December.
IN_WEEK_48 = datetime.datetime(2026, 11, 27, 10, tzinfo=LONDON)
IN_WEEK_49 = [
    datetime.datetime(2026, 11, 30, 9, tzinfo=LONDON),
    datetime.datetime(2026, 12, 3, 15, tzinfo=LONDON),
    datetime.datetime(2026, 12, 6, 23, 30, tzinfo=LONDON),
]
IN_WEEK_50 = datetime.datetime(2026, 12, 7, 0, 30, tzinfo=LONDON)
MONDAY_MORNING = datetime.datetime(2026, 12, 7, 7, tzinfo=LONDON)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def follower(**prefs):
    person = UserFactory()
    ContactPreferences.objects.create(user=person, **prefs)
    return person


def news(person, when, number, committed):
    with time_machine.travel(when, tick=False), committed():
        notify(
            recipient=person,
            key=f"alert-test-{number}",
            subject=f"News {number}",
            body=f"Body {number}",
            digestible=True,
        )


def test_a_weekly_round_up_holds_exactly_the_weeks_items_and_goes_once(committed):
    reader = follower(by_email=True, email_frequency="weekly")
    news(reader, IN_WEEK_48, 48, committed)
    week_48_sent = datetime.datetime(2026, 11, 30, 7, tzinfo=LONDON)
    with time_machine.travel(week_48_sent), committed():
        assert digests_send(frequency="weekly") == 1  # week 48's round-up
    mail.outbox.clear()
    for number, when in enumerate(IN_WEEK_49, start=1):
        news(reader, when, number, committed)
    news(reader, IN_WEEK_50, 50, committed)
    assert mail.outbox == []  # nothing goes as it happens

    with time_machine.travel(MONDAY_MORNING), committed():
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [round_up] = mail.outbox
    assert round_up.subject == "Your weekly round-up: 3 new things"
    assert [f"News {n}" in round_up.body for n in (1, 2, 3)] == [True] * 3
    assert "News 48" not in round_up.body and "News 50" not in round_up.body
    assert Notification.objects.get(key="alert-test-50").status == "digest"
    assert Notification.objects.filter(key__startswith="digest-weekly-2026-W49").count()


def test_no_empty_round_up(committed):
    follower(by_email=True, email_frequency="daily")
    with time_machine.travel(MONDAY_MORNING), committed():
        assert digests_send(frequency="daily") == 0
    assert mail.outbox == []


def test_round_ups_are_per_channel(committed):
    both = follower(
        by_email=True,
        by_sms=True,
        phone="07700900111",
        email_frequency="immediate",
        sms_frequency="daily",
    )
    news(both, IN_WEEK_49[1], 7, committed)
    assert [m.subject for m in mail.outbox] == ["News 7"]
    texts = Notification.objects.filter(recipient=both, channel="sms")
    assert [t.status for t in texts] == ["digest"]
    friday = datetime.datetime(2026, 12, 4, 7, tzinfo=LONDON)
    with time_machine.travel(friday), committed():
        assert digests_send(frequency="daily") == 1
    digest = Notification.objects.get(recipient=both, key="digest-daily-2026-12-03")
    assert digest.channel == "sms" and "News 7" in digest.body


def test_a_new_consultation_reaches_those_who_follow_its_topics(committed):
    consultation = (
        ConsultationPage.objects.live()
        .filter(locale__language_code="en-gb", topics__isnull=False)
        .first()
    )
    # Opening tomorrow: everyone following its topics hears (before it opens,
    # nobody is turned away by the audience check).
    now = datetime.datetime.now(tz=LONDON)
    consultation.opens_at = now + datetime.timedelta(days=1)
    consultation.closes_at = now + datetime.timedelta(days=40)
    consultation.save()
    topic = consultation.topics.first()
    interested = follower(by_email=True)
    interested.contact_preferences.topics.add(topic)
    other_topic = Topic.objects.exclude(pk__in=consultation.topics.all()).first()
    elsewhere = follower(by_email=True)
    elsewhere.contact_preferences.topics.add(other_topic)
    mail.outbox.clear()
    with committed():
        consultation_alert(consultation=consultation)
        consultation_alert(consultation=consultation)  # publishing again: once only
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients.count(interested.email) == 1
    assert elsewhere.email not in recipients
