"""A new way to get involved reaches people whose interests (topics) it matches,
once, as it happens or in their round-up."""

from django.conf import settings
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.services import notify

from .models import OpportunityPage


def opportunity_alert(*, opportunity: OpportunityPage) -> int:
    if opportunity.locale.language_code != settings.LANGUAGE_CODE:
        return 0
    followers = User.objects.filter(
        is_active=True, contact_preferences__topics__in=opportunity.topics.all()
    ).distinct()
    told = 0
    for person in followers.select_related("contact_preferences"):
        told += len(
            notify(
                recipient=person,
                key=f"alert-opportunity-{opportunity.pk}",
                subject=lambda: (
                    _("A new way to get involved: %(title)s")
                    % {"title": opportunity.title}
                ),
                body=lambda: (
                    _("This matches what you told us you are interested in: %(url)s")
                    % {"url": opportunity.full_url or ""}
                ),
                digestible=True,
            )
        )
    return told


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, OpportunityPage):
        opportunity_alert(opportunity=instance)
