"""Meetings' signals. Meetings imports no app that builds on it: those apps
(`portal.participation`: replies, attendance, followers) connect here, in their
`AppConfig.ready`, to hear what happens to a meeting and to add to its page.
Each is sent inside the publishing transaction, so a receiver's work (a
notification) is undone with it."""

from django.dispatch import Signal
from wagtail.signals import page_published

# A meeting published for the first time (sent with `meeting`).
meeting_announced = Signal()
# A published meeting changed in a way that matters to residents (`meeting`,
# `change_number`, `essential`: close to the time, `actor`: who published).
meeting_changed = Signal()
# Its minutes published for the first time (`meeting`).
minutes_published = Signal()
# The meeting page is shown (`request`, `meeting`): each receiver returns a dict
# to add to the page's context.
meeting_page_context = Signal()


def on_page_published(sender, instance, revision=None, **kwargs):
    from .models import MeetingPage
    from .services import meeting_published

    if isinstance(instance, MeetingPage):
        meeting_published(meeting=instance, actor=getattr(revision, "user", None))


def connect():
    page_published.connect(on_page_published, dispatch_uid="meetings-published")
