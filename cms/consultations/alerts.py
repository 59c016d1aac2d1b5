"""A new consultation reaches the people who follow its topics, or the area or
estate it is open to, and may answer it: once each, however many routes they
follow it by, as it happens or in their round-up (`notify(..., digestible=True)`)."""

from django.conf import settings
from django.db.models import Q
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
    followers = (
        User.objects.filter(
            is_active=True, pk__in=followers_of(consultation).values("pk")
        )
        .select_related("contact_preferences", "resident_profile")
        .order_by("pk")
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


def followers_of(consultation: ConsultationPage):
    """People following its topics, or a place it is open to: an area it asks (or
    that holds an estate it asks), an estate it asks (or one in an area it asks);
    a consultation that asks everyone is open to every place."""
    areas = consultation.areas.values("pk")
    estates = consultation.estates.values("pk")
    topics = Q(contact_preferences__topics__in=consultation.topics.values("pk"))
    if not (consultation.areas.exists() or consultation.estates.exists()):
        places = Q(contact_preferences__areas__isnull=False) | Q(
            contact_preferences__estates__isnull=False
        )
    else:
        places = (
            Q(contact_preferences__areas__in=areas)
            | Q(contact_preferences__areas__estates__in=estates)
            | Q(contact_preferences__estates__in=estates)
            | Q(contact_preferences__estates__area__in=areas)
        )
    return User.objects.filter(topics | places)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, ConsultationPage):
        consultation_alert(consultation=instance)
