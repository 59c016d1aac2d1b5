"""Dashboard cards: consultations open to me (with my drafts and answers) and the
ways I want to get involved."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.consultations.models import ConsultationPage, Response
from portal.accounts.selectors import profile_for_request
from portal.core.dashboard import Card, register_card

from .models import Interest, InvolvementIndexPage, InvolvementLevel, Level


@register_card(order=20)
def consultations_card(request) -> Card:
    """Open consultations this person may answer, by the same rule as the
    consultation's own page (`cms.consultations.selectors.eligibility`): those
    for everyone that anyone may answer, and, once their home is checked, those
    whose audience includes it. Four queries, however many are open."""
    user = request.user
    profile = profile_for_request(request)
    verified = bool(profile and profile.is_verified)
    now = timezone.now()
    pages = (
        ConsultationPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .filter(locale__language_code=translation.get_language())
        .prefetch_related("areas", "estates")
        .order_by("closes_at")
    )
    responses = dict(
        Response.objects.filter(respondent=user).values_list(
            "consultation_id", "submitted"
        )
    )
    # The home's estate comes with the profile (one query for every card).
    area_id = profile.home.estate.area_id if verified else None
    items = []
    for page in pages:
        areas = {a.pk for a in page.areas.all()}
        estates = {e.pk for e in page.estates.all()}
        targeted = bool(areas or estates or page.tenure_list)
        if not verified:
            if targeted or not page.anonymous_allowed:
                continue
        else:
            home = profile.home
            if (areas or estates) and not (
                area_id in areas or home.estate_id in estates
            ):
                continue
            if page.tenure_list and home.tenure not in page.tenure_list:
                continue
        state = responses.get(page.pk)
        items.append(
            {
                "page": page,
                "answered": state is True,
                "draft": state is False,
            }
        )
    return Card(
        key="my-consultations",
        title=_("Consultations open to you"),
        template="involvement/cards/consultations.html",
        context={"items": items, "verified": verified},
        order=20,
    )


@register_card(order=30)
def interests_card(request) -> Card:
    interests = (
        Interest.objects.filter(user=request.user, withdrawn_at__isnull=True)
        .select_related("opportunity")
        .order_by("opportunity__title")
    )
    return Card(
        key="my-interests",
        title=_("Ways you want to get involved"),
        template="involvement/cards/interests.html",
        context={
            "interests": list(interests),
            "level": InvolvementLevel.objects.filter(user=request.user).first(),
            "levels": Level.choices,
            "index": InvolvementIndexPage.objects.live().first(),
        },
        order=30,
    )
