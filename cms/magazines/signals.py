"""Every magazine section goes through the Readers Panel: publishing a magazine
archive page puts it (and so every issue and article under it) in that workflow."""

from django.dispatch import receiver
from wagtail.models import WorkflowPage
from wagtail.signals import page_published

from .models import MagazineIndexPage
from .workflows import readers_panel_workflow


@receiver(page_published, sender=MagazineIndexPage)
def magazine_archive_published(sender, instance, **kwargs):
    workflow = readers_panel_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(
            page=instance, defaults={"workflow": workflow}
        )
