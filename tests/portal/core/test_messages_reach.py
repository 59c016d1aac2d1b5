"""Messages reach people the way they asked: their language, the text cap and
quiet hours, essential messages, one-click unsubscribe and the preference centre."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils.translation import gettext_lazy

from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences
from portal.core import notifications
from portal.core.models import AuditEntry, Notification, NotificationOptOut
from portal.core.services import notify
from portal.core.sms import LocmemSmsBackend

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOON = datetime.datetime(2026, 12, 4, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    LocmemSmsBackend.outbox.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def person(**prefs):
    user = UserFactory()
    if prefs:
        ContactPreferences.objects.create(user=user, **prefs)
    return user


# "Your place at %(meeting)s is confirmed." is translated in every catalogue.
def confirmed(meeting="Residents Panel"):
    from django.utils.translation import gettext as _

    return lambda: _("Your place at %(meeting)s is confirmed.") % {"meeting": meeting}


@time_machine.travel(NOON)
def test_the_same_event_reaches_each_person_in_their_own_language(committed):
    polish = person(by_email=True, language="pl")
    bengali = person(by_email=False, by_sms=True, phone="07700900001", language="bn")
    english = person(by_email=True)
    with committed():
        for who in (polish, bengali, english):
            notify(recipient=who, key="rsvp-1", subject=confirmed(), body=confirmed())

    by_recipient = {m.to[0]: m for m in mail.outbox}
    polish_email = by_recipient[polish.email]
    assert "Residents Panel" in polish_email.subject
    assert polish_email.subject != "Your place at Residents Panel is confirmed."
    assert by_recipient[english.email].subject == (
        "Your place at Residents Panel is confirmed."
    )
    [text] = LocmemSmsBackend.outbox
    assert text["to"] == "07700900001"
    assert re.search("[\u0980-\u09ff]", text["body"]), "the text is in Bengali"
    assert Notification.objects.get(recipient=polish).language == "pl"
    assert Notification.objects.get(recipient=bengali).language == "bn"


def test_a_lazy_string_is_translated_for_the_recipient_not_the_sender(committed):
    polish = person(by_email=True, language="pl")
    with committed():
        notify(
            recipient=polish,
            key="k-lazy",
            subject=gettext_lazy("Your address is verified"),
            body="x",
        )
    assert mail.outbox[0].subject != "Your address is verified"


def test_an_unknown_language_falls_back_to_english(committed):
    someone = person(by_email=True, language="xx")
    assert notifications.recipient_language(someone) == "en-gb"


@time_machine.travel(NOON)
def test_the_eleventh_text_in_a_year_goes_by_email(committed, settings):
    settings.INVOLVE_SMS_YEARLY_CAP = 10
    texter = person(by_email=False, by_sms=True, phone="07700900002")
    with committed():
        for number in range(11):
            notify(recipient=texter, key=f"k-{number}", subject="S", body=f"b{number}")
    assert len(LocmemSmsBackend.outbox) == 10
    assert [m.body.split("\n")[0] for m in mail.outbox] == ["b10"]
    eleventh = Notification.objects.get(recipient=texter, key="k-10")
    assert eleventh.channel == "email"


@time_machine.travel(NOON)
def test_the_cap_counts_this_calendar_year_only(committed, settings):
    settings.INVOLVE_SMS_YEARLY_CAP = 1
    texter = person(by_email=False, by_sms=True, phone="07700900003")
    old = Notification.objects.create(
        recipient=texter, key="old", channel="sms", subject="S", body="b"
    )
    Notification.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2025, 12, 31, 12, tzinfo=LONDON)
    )
    with committed():
        notify(recipient=texter, key="new", subject="S", body="b")
    assert Notification.objects.get(recipient=texter, key="new").channel == "sms"


@time_machine.travel(NOON)
def test_an_essential_message_passes_the_cap_and_is_audited(committed, settings):
    settings.INVOLVE_SMS_YEARLY_CAP = 0
    officer = UserFactory()
    texter = person(by_email=False, by_sms=True, phone="07700900004")
    with committed():
        notify(
            recipient=texter,
            key="meeting-9-change-3",
            subject="Cancelled today",
            body="The meeting tonight is cancelled.",
            essential=True,
            actor=officer,
        )
    assert LocmemSmsBackend.outbox[0]["body"] == "The meeting tonight is cancelled."
    assert AuditEntry.objects.filter(
        action="notification.essential", actor=officer
    ).exists()


def test_no_texts_overnight_they_wait_until_morning(committed, settings):
    settings.INVOLVE_SMS_QUIET_HOURS = "21:00-08:00"
    texter = person(by_email=False, by_sms=True, phone="07700900005")
    late = datetime.datetime(2026, 12, 4, 23, 30, tzinfo=LONDON)
    with time_machine.travel(late), committed():
        notify(recipient=texter, key="k-night", subject="S", body="Night")
    held = Notification.objects.get(key="k-night")
    assert held.status == "held" and LocmemSmsBackend.outbox == []
    assert held.send_after == datetime.datetime(2026, 12, 5, 8, 0, tzinfo=LONDON)

    with time_machine.travel(late + datetime.timedelta(hours=2)):
        call_command("retry_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert LocmemSmsBackend.outbox == []

    with time_machine.travel(datetime.datetime(2026, 12, 5, 8, 1, tzinfo=LONDON)):
        call_command("retry_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    held.refresh_from_db()
    assert held.status == "sent"
    assert [t["body"] for t in LocmemSmsBackend.outbox] == ["Night"]


def test_quiet_hours_do_not_hold_an_essential_text(committed, settings):
    settings.INVOLVE_SMS_QUIET_HOURS = "21:00-08:00"
    texter = person(by_email=False, by_sms=True, phone="07700900006")
    night = datetime.datetime(2026, 12, 4, 22, tzinfo=LONDON)
    with time_machine.travel(night), committed():
        notify(recipient=texter, key="k-e", subject="S", body="Now", essential=True)
    assert [t["body"] for t in LocmemSmsBackend.outbox] == ["Now"]


@time_machine.travel(NOON)
def test_every_email_has_a_one_click_unsubscribe_that_works_without_signing_in(
    client, committed
):
    reader = person(by_email=True)
    with committed():
        notify(recipient=reader, key="meeting-5-new", subject="New", body="Hello")
    email = mail.outbox[0]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in email.body
    path = url.replace("http://testserver", "")

    page = client.get(path)  # a link scanner's GET changes nothing
    assert page.status_code == 200
    assert not NotificationOptOut.objects.filter(user=reader).exists()

    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert NotificationOptOut.objects.filter(user=reader, kind="meeting").exists()

    with committed():
        notify(recipient=reader, key="meeting-6-new", subject="Another", body="x")
        notify(recipient=reader, key="grant-1-approved", subject="Grant", body="x")
    assert [m.subject for m in mail.outbox] == ["New", "Grant"]


LETTER = (
    "The lift at Anchor House is being replaced.\n\n"
    "It is out of use from 3 to 14 March. See https://example.org/lifts\n\n"
    "Ask for help with shopping: call 0800 000 000 <any time>."
)


def _html(email) -> str:
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return html


def test_large_print_readers_get_every_email_laid_out_for_large_print(committed):
    large = person(by_email=True, large_print=True)
    ordinary = person(by_email=True)
    arabic = person(by_email=True, large_print=True, language="ar")
    with committed():
        for who in (large, ordinary, arabic):
            notify(recipient=who, key="meeting-9-change-1", subject="Lift", body=LETTER)
            notify(recipient=who, key="grant-3-approved", subject="Grant", body="Yes")
    by_person = {
        who: [m for m in mail.outbox if m.to == [who.email]]
        for who in (large, ordinary, arabic)
    }

    assert [m.alternatives for m in by_person[ordinary]] == [[], []]
    lift, grant = (_html(m) for m in by_person[large])

    # One layout for every message: the same page around each message's words.
    def layout(html):
        return html.split("<body")[1].split("<h1")[0]

    assert layout(lift) == layout(grant)
    assert '<html lang="en-gb" dir="ltr">' in lift
    sizes = [int(px) for px in re.findall(r"font-size:(\d+)px", lift)]
    assert sizes and min(sizes) >= 18
    assert "line-height:1.5" in lift
    assert "text-align:left" in lift and "justify" not in lift
    assert "<table" not in lift and "float" not in lift and "column" not in lift
    assert "color:#0b0c0c" in lift and "background-color:#ffffff" in lift
    assert '<a href="https://example.org/lifts"' in lift
    assert "&lt;any time&gt;" in lift and "<any time>" not in lift
    assert lift.count("<p ") == 3 + 2  # the message's paragraphs and two links
    unsubscribe = by_person[large][0].extra_headers["List-Unsubscribe"].strip("<>")
    assert f'href="{unsubscribe}"' in lift.replace("&amp;", "&")
    # The plain text part is the one everyone gets.
    assert [m.body.split("\n--\n")[0] for m in by_person[large]] == [
        m.body.split("\n--\n")[0] for m in by_person[ordinary]
    ]
    # In Arabic the page runs right to left, aligned to the start of the line.
    arabic_html = _html(by_person[arabic][0])
    assert '<html lang="ar" dir="rtl">' in arabic_html
    assert "text-align:right" in arabic_html and "justify" not in arabic_html


def test_an_unsubscribe_link_cannot_be_forged(client):
    reader = person(by_email=True)
    token = notifications.unsubscribe_token(user_id=reader.pk, kind="meeting")
    forged = token.replace(":", ":x", 1)
    response = client.post(f"/notifications/unsubscribe/{forged}/")
    assert response.status_code == 400
    other = notifications.unsubscribe_token(user_id=reader.pk, kind="meeting")
    assert other == token  # the same person and kind always get the same link
    assert not NotificationOptOut.objects.exists()


@time_machine.travel(NOON)
def test_the_preference_centre_link_changes_choices_without_signing_in(
    client, committed
):
    reader = person(by_email=True)
    NotificationOptOut.objects.create(user=reader, kind="meeting")
    url = notifications.preferences_url(user_id=reader.pk).replace(
        "http://testserver", ""
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Meetings: new dates, changes and reminders" in page.content.decode()
    response = client.post(
        url,
        {
            "by_email": "on",
            "email_frequency": "weekly",
            "sms_frequency": "weekly",
            "resubscribe": ["meeting"],
        },
    )
    assert response.status_code == 302
    prefs = ContactPreferences.objects.get(user=reader)
    assert prefs.email_frequency == "weekly"
    assert not NotificationOptOut.objects.filter(user=reader).exists()
    assert AuditEntry.objects.filter(action="notification.preferences_changed").exists()


def test_a_preference_link_cannot_be_forged_or_used_after_it_expires(client):
    reader = person(by_email=True)
    assert client.get("/notifications/choices/nonsense/").status_code == 404
    with time_machine.travel(datetime.datetime(2026, 1, 1, tzinfo=LONDON)):
        url = notifications.preferences_url(user_id=reader.pk)
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=LONDON)):
        assert client.get(url.replace("http://testserver", "")).status_code == 404


def test_the_preference_centre_needs_sign_in_without_a_link(client):
    response = client.get("/portal/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_post_and_phone_items_tell_staff_the_format(committed):
    reader = person(by_email=False, by_post=True, large_print=True, easy_read=True)
    with committed():
        notify(
            recipient=reader,
            key="k-post",
            subject="S",
            body="Full wording",
            easy_read_body="Easy words",
        )
    letter = Notification.objects.get(key="k-post")
    assert letter.status == "manual"
    assert letter.format_note == "Large print, Easy read"
    assert letter.body == "Easy words"
