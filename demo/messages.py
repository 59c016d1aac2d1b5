"""Residents follow an area, an estate and a group (their news comes as it happens
or in a round-up), and the involvement officer has sent one message to everyone
on an estate through the real service, so the outbox, the audit log and the
message history on the staff screen all show it."""

import uuid

from portal.accounts.models import ContactPreferences, User
from portal.broadcasts.models import Broadcast
from portal.broadcasts.services import broadcast_deliver, broadcast_send
from portal.core.models import Notification
from portal.groups.models import Group, GroupFollow
from portal.housing.models import Area, Estate

# email: (areas, estates, groups) they follow, by name
FOLLOWS = {
    "neighbour@example.org": (
        ["Riverside North"],
        [],
        ["Anchor House Tenants’ and Residents’ Association"],
    ),
    "secretary@example.org": ([], ["Wharf Estate"], []),
}
# Fixed, so loading the demo again finds the message already sent.
BROADCAST_TOKEN = uuid.uuid5(uuid.NAMESPACE_URL, "involve-demo/fire-alarm-tests")
BROADCAST_ESTATE = "Wharf Estate"
BROADCAST_SUBJECT = "Fire alarm tests on Wharf Estate next week"
BROADCAST_BODY = (
    "We are testing the fire alarms in every block on Wharf Estate from Monday to "
    "Wednesday next week, between 10am and 3pm. Each test lasts up to 10 minutes. "
    "You do not need to leave your home during a test.\n\n"
    "If you use a hearing aid or need an alarm you can see, tell us and we will "
    "visit you first: call 0800 000 0000."
)


def reset_messages() -> None:
    for broadcast in Broadcast.objects.filter(token=BROADCAST_TOKEN):
        Notification.objects.filter(key=broadcast.outbox_key).delete()
        broadcast.delete()


def build_messages() -> None:
    for email, (areas, estates, groups) in FOLLOWS.items():
        person = User.objects.get(email=email)
        prefs, _created = ContactPreferences.objects.get_or_create(user=person)
        prefs.areas.add(*Area.objects.filter(name__in=areas))
        prefs.estates.add(*Estate.objects.filter(name__in=estates))
        for group in Group.objects.filter(name__in=groups):
            GroupFollow.objects.get_or_create(person=person, group=group)
    broadcast, sent_now = broadcast_send(
        actor=User.objects.get(email="officer@example.org"),
        token=BROADCAST_TOKEN,
        subject=BROADCAST_SUBJECT,
        body=BROADCAST_BODY,
        audience=Broadcast.Audience.ESTATE,
        target=Estate.objects.get(name=BROADCAST_ESTATE),
        channels=["email", "sms", "post", "phone"],
        essential=False,
    )
    if sent_now:
        # Delivered now, so the demo shows it whichever task backend runs; the
        # queued task finds everyone already in the outbox and sends nothing more.
        broadcast_deliver(broadcast=broadcast)
