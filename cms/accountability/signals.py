"""Involvement officers and Administrators make reports: when the "How we are
doing" page is created they may add and edit pages below it (publishing stays
with the moderation workflow)."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission

from portal.accounts.roles import ADMINISTRATORS, INVOLVEMENT_OFFICERS

from .models import ReportIndexPage

REPORT_MAKERS = [INVOLVEMENT_OFFICERS, ADMINISTRATORS]
CODENAMES = ["add_page", "change_page"]


def grant_report_editing(index: ReportIndexPage) -> None:
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=REPORT_MAKERS):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


@receiver(post_save, sender=ReportIndexPage, dispatch_uid="accountability-grant")
def on_index_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_report_editing(instance)
