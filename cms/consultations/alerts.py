"""A new consultation reaches the people who follow its topics and may answer it,
once, as it happens or in their round-up (`notify(..., digestible=True)`)."""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.core.services import notify

from .models import ConsultationPage
from .selectors import eligibility


def consultation_alert(*, consultation: ConsultationPage) -> int:
    if consultation.locale.language_code != settings.LANGUAGE_CODE:
        return 0  # translations are the same consultation: alert once
    if consultation.status() not in ("upcoming", "open", "closing_soon"):
        return 0
    topics = consultation.topics.all()
    followers = (
        User.objects.filter(is_active=True, contact_preferences__topics__in=topics)
        .select_related("contact_preferences", "resident_profile")
        .distinct()
    )
    upcoming = consultation.status() == "upcoming"
    told = 0
    for person in followers:
        if not upcoming and not eligibility(consultation, person)[0]:
            continue
        told += len(
            notify(
                recipient=person,
                key=f"alert-consultation-{consultation.pk}",
                subject=lambda: (
                    _("New consultation: %(title)s") % {"title": consultation.title}
                ),
                body=lambda: (
                    _("Tell us what you think about “%(title)s” by %(closes)s: %(url)s")
                    % {
                        "title": consultation.title,
                        "closes": formats.date_format(
                            timezone.localtime(consultation.closes_at), "j F Y"
                        ),
                        "url": consultation.full_url or "",
                    }
                ),
                digestible=True,
            )
        )
    return told


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, ConsultationPage):
        consultation_alert(consultation=instance)
