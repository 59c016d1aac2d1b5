"""Dashboard cards: consultations open to me, and how I want to be involved."""

from django import template
from django.utils import timezone, translation

from cms.consultations.models import ConsultationPage, Response
from portal.housing.models import Estate

from ..models import Interest, InvolvementIndexPage, InvolvementLevel, Level

register = template.Library()


@register.inclusion_tag("involvement/_my_consultations.html", takes_context=True)
def my_consultations(context):
    """Open consultations whose audience includes the person's verified home
    (five queries, however many consultations are open)."""
    user = context["request"].user
    profile = context.get("profile")
    items = []
    if profile is not None and profile.is_verified:
        home = profile.home
        now = timezone.now()
        pages = (
            ConsultationPage.objects.live()
            .public()
            .filter(opens_at__lte=now, closes_at__gt=now)
            .filter(locale__language_code=translation.get_language())
            .prefetch_related("areas", "estates")
            .order_by("closes_at")
        )
        answered = set(
            Response.objects.filter(respondent=user, submitted=True).values_list(
                "consultation_id", flat=True
            )
        )
        area_id = Estate.objects.filter(pk=home.estate_id).values_list(
            "area_id", flat=True
        )[0]
        for page in pages:
            areas = {a.pk for a in page.areas.all()}
            estates = {e.pk for e in page.estates.all()}
            if (areas or estates) and not (
                area_id in areas or home.estate_id in estates
            ):
                continue
            if page.tenure_list and home.tenure not in page.tenure_list:
                continue
            items.append({"page": page, "answered": page.pk in answered})
    return {"items": items, "verified": bool(profile and profile.is_verified)}


@register.inclusion_tag("involvement/_my_interests.html", takes_context=True)
def my_interests(context):
    request = context["request"]
    interests = (
        Interest.objects.filter(user=request.user, withdrawn_at__isnull=True)
        .select_related("opportunity")
        .order_by("opportunity__title")
    )
    level = InvolvementLevel.objects.filter(user=request.user).first()
    index = InvolvementIndexPage.objects.live().first()
    return {
        "interests": interests,
        "level": level,
        "levels": Level.choices,
        "index": index,
        "csrf_token": context.get("csrf_token"),
    }
