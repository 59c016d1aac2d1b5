from wagtail.signals import page_published


def on_page_published(sender, instance, **kwargs):
    from .models import MeetingPage
    from .services import meeting_published

    if isinstance(instance, MeetingPage):
        meeting_published(meeting=instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="meetings-published")
