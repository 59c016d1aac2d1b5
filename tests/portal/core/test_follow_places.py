"""People follow their area, estate and resident groups in the preference centre,
and hear (as it happens or in their round-up) about a new consultation open
there, a new meeting of a group they follow, its minutes, and an outcome on a
topic they follow: once each, however many routes they follow it by."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from cms.consultations.alerts import consultation_alert
from cms.consultations.models import ConsultationPage
from cms.consultations.services import outcome_publish
from cms.meetings.models import MeetingPage
from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences, User
from portal.core.models import Notification, Topic
from portal.groups.models import Group, GroupFollow
from portal.housing.models import Area, Estate
from portal.participation.models import BodyFollow
from portal.participation.services import meeting_new_announce, minutes_send
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def follower(groups=(), **follows):
    person = UserFactory()
    prefs = ContactPreferences.objects.create(user=person, by_email=True)
    for field, things in follows.items():
        getattr(prefs, field).add(*things)
    for group in groups:
        GroupFollow.objects.create(person=person, group=group)
    return person


def followed_groups(email):
    return list(Group.objects.filter(followers__person__email=email))


def test_the_preference_centre_saves_areas_estates_and_groups(client):
    sign_in(client, "neighbour@example.org")
    area = Area.objects.first()
    estate = Estate.objects.first()
    group = Group.objects.first()
    page = client.get("/portal/notifications/").content.decode()
    assert "Areas you want news about" in page
    assert "Resident groups you follow" in page
    response = client.post(
        "/portal/notifications/",
        {
            "by_email": "on",
            "email_frequency": "immediate",
            "sms_frequency": "weekly",
            "areas": [area.pk],
            "estates": [estate.pk],
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302
    prefs = ContactPreferences.objects.get(user__email="neighbour@example.org")
    assert list(prefs.areas.all()) == [area]
    assert list(prefs.estates.all()) == [estate]
    assert followed_groups("neighbour@example.org") == [group]
    page = client.get("/portal/notifications/").content.decode()
    assert re.search(f'name="groups" value="{group.pk}"[^>]*checked', page)
    client.post(
        "/portal/notifications/",
        {"by_email": "on", "email_frequency": "immediate", "sms_frequency": "weekly"},
    )
    assert followed_groups("neighbour@example.org") == []
    bad = client.post(
        "/portal/notifications/",
        {
            "by_email": "on",
            "email_frequency": "immediate",
            "sms_frequency": "weekly",
            "areas": ["99999999999999"],
        },
    )
    assert bad.status_code == 200
    refused = client.post(
        "/portal/notifications/",
        {
            "by_email": "on",
            "email_frequency": "immediate",
            "sms_frequency": "weekly",
            "groups": ["99999999999999"],
        },
    ).content.decode()
    assert "Select a valid choice" in refused
    assert followed_groups("neighbour@example.org") == []


def test_a_followed_group_is_in_the_download_and_goes_when_the_account_closes(
    client,
):
    group = Group.objects.first()
    resident = User.objects.get(email="resident@example.org")
    sign_in(client, resident.email)
    client.post(
        "/portal/notifications/",
        {
            "by_email": "on",
            "email_frequency": "immediate",
            "sms_frequency": "weekly",
            "groups": [group.pk],
        },
    )
    data = client.get("/portal/my-data/?download=1").json()
    follows = data["records"]["groups.groupfollow:person"]
    assert follows["what"] == "Resident groups you follow"
    assert [row["group"] for row in follows["records"]] == [str(group)]
    client.post(
        "/portal/close-account/", {"password": "Involve-demo-2026", "understood": "on"}
    )
    assert not GroupFollow.objects.filter(person=resident).exists()


def _upcoming_consultation_for(estate):
    consultation = (
        ConsultationPage.objects.live()
        .filter(locale__language_code="en-gb", topics__isnull=False)
        .first()
    )
    now = datetime.datetime.now(tz=LONDON)
    consultation.opens_at = now + datetime.timedelta(days=1)
    consultation.closes_at = now + datetime.timedelta(days=40)
    consultation.save()
    consultation.areas.clear()
    consultation.estates.set([estate])
    consultation.save()
    return consultation


def test_an_open_consultation_for_some_tenures_alerts_only_who_may_answer(committed):
    """Its audience (places and tenures) is described while deciding who may
    answer; the tenure names once broke that (publishing failed)."""
    estate = Estate.objects.first()
    consultation = _upcoming_consultation_for(estate)
    now = datetime.datetime.now(tz=LONDON)
    consultation.opens_at = now - datetime.timedelta(days=1)
    consultation.tenures = "tenant,leaseholder"
    consultation.save()
    no_home = follower(areas=[estate.area])
    mail.outbox.clear()
    with committed():
        consultation_alert(consultation=consultation)
    assert no_home.email not in [m.to[0] for m in mail.outbox]
    assert consultation.tenure_labels() == ["Tenant", "Leaseholder"]


def test_a_new_consultation_reaches_followers_of_its_place_once(committed):
    estate = Estate.objects.first()
    elsewhere = Area.objects.exclude(pk=estate.area_id).first() or Area.objects.create(
        name="Another test area"
    )
    consultation = _upcoming_consultation_for(estate)
    by_area = follower(areas=[estate.area])
    by_estate = follower(estates=[estate])
    both_ways = follower(estates=[estate], topics=[consultation.topics.first()])
    other_place = follower(areas=[elsewhere])
    mail.outbox.clear()
    with committed():
        consultation_alert(consultation=consultation)
        consultation_alert(consultation=consultation)
    recipients = [m.to[0] for m in mail.outbox]
    for person in (by_area, by_estate, both_ways):
        assert recipients.count(person.email) == 1
    assert other_place.email not in recipients


def test_a_group_followers_hear_of_its_new_meetings_and_minutes_once(committed):
    meeting = MeetingPage.objects.live().filter(body__isnull=False).first()
    group = Group.objects.first()
    body = meeting.body
    body.group = group
    body.save()
    by_group = follower(groups=[group])
    both_ways = follower(groups=[group])
    BodyFollow.objects.create(body=body, person=both_ways)
    other_group = follower(groups=[Group.objects.exclude(pk=group.pk).first()])
    with committed():
        meeting_new_announce(meeting=meeting)
        minutes_send(meeting=meeting)
    for key in (f"meeting-{meeting.pk}-new", f"minutes-{meeting.pk}"):
        told = list(
            Notification.objects.filter(key=key).values_list("recipient", flat=True)
        )
        assert told.count(by_group.pk) == 1
        assert told.count(both_ways.pk) == 1
        assert other_group.pk not in told


def test_an_outcome_reaches_topic_followers_and_respondents_once(committed):
    page = ConsultationPage.objects.get(slug="repairs-appointments")
    page.you_said = "You said appointments were too early."
    page.we_did = "We added evening slots."
    page.what_changes = "Evening slots from March."
    page.save_revision().publish()
    page.refresh_from_db()
    topic = page.topics.first() or Topic.objects.first()
    page.topics.add(topic)
    page.save()
    interested = follower(topics=[topic])
    respondent = page.responses.filter(respondent__isnull=False).first().respondent
    ContactPreferences.objects.get_or_create(user=respondent)
    respondent.contact_preferences.topics.add(topic)
    officer = User.objects.get(email="officer@example.org")
    with committed():
        outcome_publish(consultation=page, actor=officer, url=page.full_url)
    outbox = Notification.objects.filter(key=f"consultation-outcome-{page.pk}")
    assert outbox.filter(recipient=respondent).count() == 1
    news = outbox.get(recipient=interested)
    assert "We have published what residents told us" in news.body
    assert "Thank you for answering" in outbox.get(recipient=respondent).body
