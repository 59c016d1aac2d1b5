from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published

from cms.core import pagecache

from .models import Action, ConsultationAction, MeetingAction
from .services import link_page_actions


def on_page_published(sender, instance, **kwargs):
    """Actions chosen on a meeting or consultation take it as their source."""
    label = sender._meta.label_lower
    if label == "meetings.meetingpage":
        link_page_actions(page=instance, source=Action.Source.MEETING, field="meeting")
    elif label == "consultations.consultationpage":
        link_page_actions(
            page=instance, source=Action.Source.CONSULTATION, field="consultation"
        )


def on_action_changed(sender, instance, **kwargs):
    """A meeting's minutes and a consultation's "You said, we did" show their
    actions' progress: a cached copy must not outlive a change of status."""
    page_ids = {
        *MeetingAction.objects.filter(action=instance).values_list("page", flat=True),
        *ConsultationAction.objects.filter(action=instance).values_list(
            "page", flat=True
        ),
    }
    for page in Page.objects.filter(pk__in=page_ids):
        pagecache.purge_page(page)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="actions-page-published")
    # Before a delete, while the links to its pages still exist.
    for signal in (post_save, pre_delete):
        signal.connect(
            on_action_changed, sender=Action, dispatch_uid=f"actions-purge-{signal}"
        )
