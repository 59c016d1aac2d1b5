"""Meetings' signals. Meetings imports no app that builds on it: those apps
(`portal.participation`: replies, attendance, followers) connect here, in their
`AppConfig.ready`, to hear what happens to a meeting and to add to its page.
Each is sent inside the publishing transaction, so a receiver's work (a
notification) is undone with it."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from cms.core.pagecache import purge_page

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


def on_paper_document_changed(sender, instance, **kwargs):
    """A paper's document deleted takes the paper off its live meeting page with
    no publish (the paper row goes with it), and one replaced changes the
    paper's link: purge the cached pages that list it."""
    from .models import MeetingPage

    if kwargs.get("created"):
        return

    for meeting in MeetingPage.objects.filter(papers__document=instance).distinct():
        purge_page(meeting)


def connect():
    page_published.connect(on_page_published, dispatch_uid="meetings-published")
    # Before a deletion, while the papers that use the document are still there.
    for signal in (post_save, pre_delete):
        signal.connect(
            on_paper_document_changed,
            sender=get_document_model(),
            dispatch_uid="meetings-paper-document",
        )
