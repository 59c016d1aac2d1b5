"""Staff send a one-off message (a safety notice) to everyone with a checked home
in an area or estate, a group's members or a body's followers: a preview counts
who it reaches on each channel, one confirmed POST sends it once, in the way each
person asked, audited; essential passes unsubscribes, the cap and quiet hours;
the wrong people are refused."""

import datetime
import re
import uuid
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.meetings.models import Body
from demo.messages import BROADCAST_TOKEN
from portal.accounts.factories import UserFactory
from portal.accounts.models import ContactPreferences, ResidentProfile, User
from portal.broadcasts.models import Broadcast
from portal.broadcasts.selectors import audience_people
from portal.broadcasts.services import broadcast_send
from portal.core.models import AuditEntry, Notification, NotificationOptOut
from portal.groups.models import Group, GroupFollow, Officer
from portal.housing.models import Area, Estate, Property
from portal.participation.models import BodyFollow
from tests.concurrency import race
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOON = datetime.datetime(2026, 12, 4, 12, 0, tzinfo=LONDON)
NIGHT = datetime.datetime(2026, 12, 4, 23, 30, tzinfo=LONDON)
URL = "/admin/messages/"


@pytest.fixture
def place():
    area = Area.objects.create(name="Riverside test area")
    estate = Estate.objects.create(area=area, name="Test estate")
    other = Estate.objects.create(
        area=Area.objects.create(name="Elsewhere test area"), name="Far estate"
    )
    return area, estate, other


_uprn = iter(range(900000000, 900100000))


def resident(estate, *, status="verified", **prefs):
    user = UserFactory()
    home = Property.objects.create(
        uprn=str(next(_uprn)),
        address_line_1="1 Test Street",
        postcode="RV1 1AA",
        tenure="social_rent",
        estate=estate,
    )
    ResidentProfile.objects.create(
        user=user, home=home, tenancy_reference="T1", status=status
    )
    ContactPreferences.objects.create(user=user, **(prefs or {"by_email": True}))
    return user


def form(audience="area", target=None, **changes):
    return {
        "subject": "Water off on Tuesday",
        "body": "The water is off from 9am to 1pm for repairs.",
        "audience": audience,
        audience if audience != "body" else "body_followed": target.pk,
        "channels": ["email", "sms", "post", "phone"],
        **changes,
    }


def preview(client, data):
    return client.post(URL, {**data, "step": "preview"})


def send(client, data, token):
    return client.post(URL, {**data, "step": "send", "token": str(token)})


def made():
    """Messages sent by the test (the demo has sent one already)."""
    return Broadcast.objects.exclude(token=BROADCAST_TOKEN)


def made_outbox():
    demo = Broadcast.objects.filter(token=BROADCAST_TOKEN)
    return Notification.objects.filter(key__startswith="broadcast-").exclude(
        key__in=[broadcast.outbox_key for broadcast in demo]
    )


def officer():
    return User.objects.get(email="officer@example.org")


@time_machine.travel(NOON)
def test_the_preview_counts_people_by_channel_and_the_staff_queue(client, place):
    area, estate, other = place
    resident(estate, by_email=True)
    resident(estate, by_email=True, by_sms=True, phone="07700900111")
    resident(estate, by_email=False, by_post=True, large_print=True)
    resident(estate, by_email=False, by_phone=True, phone="07700900112")
    unsubscribed = resident(estate, by_email=True)
    NotificationOptOut.objects.create(user=unsubscribed, kind="broadcast")
    resident(estate, status="pending")  # home not checked: not in the audience
    resident(other, by_email=True)  # another area
    sign_in(client, "officer@example.org")

    page = preview(client, form("area", area)).content.decode()

    assert "It reaches 5 people" in page
    rows = {
        "Email": 2,
        "Text message": 1,
        "Post (a letter staff send)": 1,
        "Phone call (staff call)": 1,
        "Not reached (unsubscribed, or none of these ways chosen)": 1,
    }
    for label, count in rows.items():
        assert f"<td>{label}</td><td>{count}</td>" in page
    assert "2 letters and phone calls will wait in the outbox" in page
    assert not made().exists()
    assert not made_outbox().exists()


@time_machine.travel(NOON)
def test_one_confirmed_post_sends_once_in_each_persons_way_and_is_audited(
    client, place, django_capture_on_commit_callbacks
):
    area, estate, _other = place
    by_email = resident(estate, by_email=True, language="pl")
    by_text = resident(estate, by_email=False, by_sms=True, phone="07700900113")
    by_post = resident(estate, by_email=False, by_post=True, large_print=True)
    sign_in(client, "officer@example.org")
    data = form("estate", estate, channels=["email", "sms", "post"])
    token = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        first = send(client, data, token)
        second = send(client, data, token)  # a double-submit

    assert first.status_code == second.status_code == 302
    broadcast = made().get()
    assert broadcast.recipients == 3 and broadcast.status == "sent"
    outbox = Notification.objects.filter(key=f"broadcast-{broadcast.pk}")
    assert {(n.recipient_id, n.channel, n.status) for n in outbox} == {
        (by_email.pk, "email", "sent"),
        (by_text.pk, "sms", "sent"),
        (by_post.pk, "post", "manual"),
    }
    letter = outbox.get(channel="post")
    assert letter.format_note == "Large print"
    assert letter.subject == "Water off on Tuesday"
    [entry] = AuditEntry.objects.filter(
        action="broadcast.sent", object_id=str(broadcast.pk)
    )
    assert entry.actor == officer()
    assert entry.details["people"] == 3
    page = client.get(URL).content.decode()
    assert "Water off on Tuesday" in page


@time_machine.travel(NIGHT)
def test_essential_passes_unsubscribes_and_quiet_hours_ordinary_does_not(
    place, django_capture_on_commit_callbacks, settings
):
    settings.INVOLVE_SMS_QUIET_HOURS = "21:00-08:00"
    _area, estate, _other = place
    texter = resident(estate, by_email=False, by_sms=True, phone="07700900114")
    gone = resident(estate, by_email=True)
    NotificationOptOut.objects.create(user=gone, kind="broadcast")
    common = {
        "actor": officer(),
        "subject": "Gas leak",
        "body": "Leave the building.",
        "audience": "estate",
        "target": estate,
        "channels": ["email", "sms"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        ordinary, _ = broadcast_send(token=uuid.uuid4(), essential=False, **common)
        urgent, _ = broadcast_send(token=uuid.uuid4(), essential=True, **common)

    ordinary_out = Notification.objects.filter(key=f"broadcast-{ordinary.pk}")
    assert [(n.recipient_id, n.status) for n in ordinary_out] == [(texter.pk, "held")]
    urgent_out = Notification.objects.filter(key=f"broadcast-{urgent.pk}")
    assert {(n.recipient_id, n.status) for n in urgent_out} == {
        (texter.pk, "sent"),
        (gone.pk, "sent"),
    }
    assert (
        AuditEntry.objects.filter(
            action="notification.essential", actor=officer()
        ).count()
        == 2
    )


def test_a_group_reaches_members_and_officers_once_and_a_body_its_followers(place):
    _area, estate, other = place
    member = resident(estate)
    group = Group.objects.create(name="Test TRA", kind="tra")
    group.estates.add(estate)
    Officer.objects.create(
        group=group, user=member, role="chair", elected_on=datetime.date(2026, 1, 1)
    )
    outsider_officer = resident(other)
    Officer.objects.create(
        group=group,
        user=outsider_officer,
        role="secretary",
        elected_on=datetime.date(2026, 1, 1),
    )
    resident(other)
    people = audience_people(audience="group", target=group)
    assert sorted(people.values_list("pk", flat=True)) == sorted(
        [member.pk, outsider_officer.pk]
    )
    body = Body.objects.first()
    BodyFollow.objects.create(body=body, person=member)
    assert list(audience_people(audience="body", target=body)) == [member]


@pytest.mark.parametrize(
    "email",
    ["resident@example.org", "chair@example.org", "editor@example.org"],
)
def test_the_wrong_people_are_refused(client, place, email):
    area, estate, _other = place
    resident(estate)
    sign_in(client, email)
    assert client.get(URL).status_code in (302, 403)
    response = send(client, form("area", area), uuid.uuid4())
    assert response.status_code in (302, 403)
    assert not made().exists()
    assert not made_outbox().exists()


def test_only_allowed_roles_may_mark_a_message_essential(client, place):
    _area, estate, _other = place
    sender = UserFactory(is_staff=True)
    sender.user_permissions.add(
        *Permission.objects.filter(codename__in=["send_broadcast", "access_admin"])
    )
    sender = User.objects.get(pk=sender.pk)
    with pytest.raises(PermissionDenied):
        broadcast_send(
            actor=sender,
            token=uuid.uuid4(),
            subject="x",
            body="y",
            audience="estate",
            target=estate,
            channels=["email"],
            essential=True,
        )
    assert not made().exists()
    sign_in(client, sender.email)
    page = client.get(URL).content.decode()
    assert 'name="subject"' in page and 'name="essential"' not in page


def test_bad_input_is_shown_next_to_the_field_and_kept(client, place):
    sign_in(client, "officer@example.org")
    data = form("area", place[0])
    del data["area"]
    response = preview(client, {**data, "channels": []})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose which one, for the audience you picked." in page
    assert "Water off on Tuesday" in page
    # A made-up id and a missing token: refused calmly, nothing sent.
    response = preview(client, {**form("area", place[0]), "area": "99999999999999"})
    assert response.status_code == 200
    response = client.post(URL, {**form("area", place[0]), "step": "send"})
    assert response.status_code == 200
    assert "Preview the message before sending it." in response.content.decode()
    assert not made().exists()


def _queries(client, data) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = preview(client, data)
    assert response.status_code == 200
    return len(queries)


def test_compose_and_preview_queries_are_pinned_and_flat(
    client, place, django_assert_max_num_queries
):
    area, estate, _other = place
    sign_in(client, "officer@example.org")
    with django_assert_max_num_queries(18):  # with the first page of messages sent
        assert client.get(URL).status_code == 200
    for _n in range(3):
        resident(estate, by_email=True, by_sms=True, phone="07700900115")
    few = _queries(client, form("area", area))
    for _n in range(30):
        resident(estate, by_email=True, by_sms=True, phone="07700900116")
    many = _queries(client, form("area", area))
    assert few == many
    assert many <= 16


@pytest.mark.postgres
def test_two_sends_of_the_same_preview_at_once_send_once(demo_data):
    estate = Estate.objects.first()
    people = audience_people(audience="estate", target=estate).count()
    token = uuid.uuid4()
    created = []

    def send_it():
        _broadcast, is_new = broadcast_send(
            actor=officer(),
            token=token,
            subject="Lift out of order",
            body="The lift is being repaired.",
            audience="estate",
            target=estate,
            channels=["email", "post"],
            essential=False,
        )
        created.append(is_new)

    assert race(send_it, send_it) == ["done", "done"]
    assert sorted(created) == [False, True]
    broadcast = Broadcast.objects.get(token=token)
    assert (
        AuditEntry.objects.filter(
            action="broadcast.sent", object_id=str(broadcast.pk)
        ).count()
        == 1
    )
    sent = Notification.objects.filter(key=f"broadcast-{broadcast.pk}")
    pairs = list(sent.values_list("recipient", "channel"))
    assert len(pairs) == len(set(pairs))
    assert len({recipient for recipient, _channel in pairs}) <= people


class _Inputs(HTMLParser):
    """The hidden inputs of the preview's confirm form, as a browser sends them."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.data.setdefault(attrs["name"], []).append(attrs.get("value", ""))


def test_the_preview_form_confirms_what_was_previewed(
    client, place, django_capture_on_commit_callbacks
):
    _area, estate, _other = place
    reader = resident(estate, by_email=True)
    sign_in(client, "officer@example.org")
    page = preview(client, form("estate", estate, channels=["email"]))
    parser = _Inputs()
    parser.feed(page.content.decode())
    data = {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}
    assert data["estate"] == str(estate.pk) and data["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**data, "step": "send"})
    assert response.status_code == 302
    broadcast = made().get()
    assert (broadcast.estate, broadcast.channels) == (estate, ["email"])
    assert Notification.objects.filter(
        key=f"broadcast-{broadcast.pk}", recipient=reader, channel="email"
    ).exists()


# ------------------------------------------------------------ messages sent


def _sent(estate, sender, n: int, *, start: datetime.datetime) -> list[Broadcast]:
    made_now = []
    for number in range(n):
        broadcast = Broadcast.objects.create(
            token=uuid.uuid4(),
            subject=f"Notice {number:02d}",
            body="x",
            audience="estate",
            estate=estate,
            channels=["email", "post"],
            sent_by=sender,
            recipients=7,
            reached=5,
            status="sent",
        )
        made_now.append(broadcast)
    for number, broadcast in enumerate(made_now):
        Broadcast.objects.filter(pk=broadcast.pk).update(
            created_at=start + datetime.timedelta(hours=number)
        )
    return made_now


def _row(page: str, subject: str) -> str:
    """The history's row for a message, after its subject, without indentation."""
    row = page.split(f"<td>{subject}</td>")[1].split("</tr>")[0]
    return re.sub(r">\s+<", "><", row)


def _history_subjects(page: str) -> list[str]:
    history = page.split('id="messages-sent"')[1]
    return re.findall(r"<td>(Notice \d\d|Fire alarm[^<]*)</td>", history)


def test_messages_sent_are_listed_newest_first_a_page_at_a_time(client, place):
    _area, estate, _other = place
    sender = officer()
    _sent(estate, sender, 25, start=datetime.datetime(2030, 1, 1, 9, tzinfo=LONDON))
    sign_in(client, "officer@example.org")

    first = client.get(URL).content.decode()
    assert _history_subjects(first) == [f"Notice {n:02d}" for n in range(24, 4, -1)]
    row = _row(first, "Notice 24")
    assert "Everyone with a checked home on an estate: Test estate" in row
    assert "<td>Email, Post</td><td>7</td><td>5</td>" in row
    assert sender.get_full_name() in row
    assert "Page 1 of 2" in first

    second = client.get(URL, {"p": 2}).content.decode()
    older = [f"Notice {n:02d}" for n in range(4, -1, -1)]
    assert _history_subjects(second)[:5] == older
    # A page past the end or a made-up one shows a page, never an error.
    for bad in ("99", "abc", "-1"):
        assert client.get(URL, {"p": bad}).status_code == 200


def test_the_history_counts_who_a_sent_message_reached(
    client, place, django_capture_on_commit_callbacks
):
    _area, estate, _other = place
    resident(estate, by_email=True)
    resident(estate, by_email=False, by_post=True)
    gone = resident(estate, by_email=True)
    NotificationOptOut.objects.create(user=gone, kind="broadcast")
    with django_capture_on_commit_callbacks(execute=True):
        broadcast, _ = broadcast_send(
            actor=officer(),
            token=uuid.uuid4(),
            subject="Bins collected on Friday",
            body="Because of the bank holiday.",
            audience="estate",
            target=estate,
            channels=["email", "post"],
            essential=False,
        )
    broadcast.refresh_from_db()
    assert (broadcast.recipients, broadcast.reached) == (3, 2)
    sign_in(client, "officer@example.org")
    page = client.get(URL).content.decode()
    row = _row(page, "Bins collected on Friday")
    assert "<td>Email, Post</td><td>3</td><td>2</td>" in row


def _history_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_the_history_query_count_is_pinned_and_flat(client, place):
    _area, estate, _other = place
    sign_in(client, "officer@example.org")
    start = datetime.datetime(2030, 1, 1, 9, tzinfo=LONDON)
    _sent(estate, officer(), 2, start=start)
    _history_queries(client)  # the site and locales, remembered from then on
    few = _history_queries(client)
    _sent(estate, UserFactory(), 40, start=start + datetime.timedelta(days=1))
    many = _history_queries(client)
    assert few == many <= 18


def test_staff_who_may_not_send_messages_do_not_see_them(client):
    """Finance approvers reach the admin but not the message screen."""
    sign_in(client, "finance@example.org")
    for query in ({}, {"p": 2}):
        response = client.get(URL, query)
        assert response.status_code in (302, 403)
        assert BROADCAST_TOKEN.hex not in response.content.decode()
        assert "Fire alarm tests" not in response.content.decode()


# ------------------------------------------------------------ the demo


def test_the_demo_has_a_sent_message_and_residents_following_places_and_a_group(
    client,
):
    from demo.messages import BROADCAST_SUBJECT

    broadcast = Broadcast.objects.get(token=BROADCAST_TOKEN)
    assert broadcast.subject == BROADCAST_SUBJECT
    assert broadcast.sent_by == officer() and broadcast.status == "sent"
    assert broadcast.estate.name == "Wharf Estate"
    outbox = Notification.objects.filter(key=broadcast.outbox_key)
    reached = outbox.values("recipient").distinct().count()
    assert reached >= 4 and broadcast.reached == reached
    assert broadcast.recipients >= reached
    assert outbox.filter(recipient__email="chair@example.org").exists()
    assert AuditEntry.objects.filter(
        action="broadcast.sent", object_id=str(broadcast.pk), actor=officer()
    ).exists()
    sign_in(client, "officer@example.org")
    assert BROADCAST_SUBJECT in client.get(URL).content.decode()

    neighbour = ContactPreferences.objects.get(user__email="neighbour@example.org")
    secretary = ContactPreferences.objects.get(user__email="secretary@example.org")
    assert list(neighbour.areas.values_list("name", flat=True)) == ["Riverside North"]
    assert list(
        GroupFollow.objects.filter(person=neighbour.user).values_list(
            "group__name", flat=True
        )
    ) == ["Anchor House Tenants’ and Residents’ Association"]
    assert list(secretary.estates.values_list("name", flat=True)) == ["Wharf Estate"]
