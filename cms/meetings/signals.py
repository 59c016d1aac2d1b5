from wagtail.signals import page_published


def on_page_published(sender, instance, revision=None, **kwargs):
    from .models import MeetingPage
    from .services import meeting_published

    if isinstance(instance, MeetingPage):
        meeting_published(meeting=instance, actor=getattr(revision, "user", None))


def connect():
    page_published.connect(on_page_published, dispatch_uid="meetings-published")
