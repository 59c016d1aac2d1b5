"""Dashboard cards: consultations open to me (with my drafts and answers) and the
ways I want to get involved."""

from django.db.models import Exists, OuterRef, Subquery, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.consultations.models import ConsultationPage, Response
from cms.core.selectors import public_pages
from portal.accounts.selectors import profile_for_request
from portal.core.dashboard import Card, register_card

from .models import Interest, InvolvementIndexPage, InvolvementLevel, Level


@register_card(order=20)
def consultations_card(request) -> Card:
    """Open consultations this person may answer, by the same rule as the
    consultation's own page (`cms.consultations.selectors.eligibility`): those
    for everyone that anyone may answer, and, once their home is checked, those
    whose audience includes it (where they live is matched in the database).
    Two queries, however many are open."""
    user = request.user
    profile = profile_for_request(request)
    verified = bool(profile and profile.is_verified)
    home = profile.home if verified else None  # with its estate, read once
    now = timezone.now()
    areas = ConsultationPage.areas.through.objects.filter(
        consultationpage_id=OuterRef("pk")
    )
    estates = ConsultationPage.estates.through.objects.filter(
        consultationpage_id=OuterRef("pk")
    )
    pages = (
        public_pages(ConsultationPage.objects.live())
        .filter(opens_at__lte=now, closes_at__gt=now)
        .filter(locale__language_code=translation.get_language())
        .annotate(
            places=Exists(areas) | Exists(estates),
            reaches_home=Exists(areas.filter(area_id=home.estate.area_id))
            | Exists(estates.filter(estate_id=home.estate_id))
            if home
            else Value(False),
        )
        .annotate(
            # None: not answered; False: a draft; True: sent.
            my_response=Subquery(
                Response.objects.filter(
                    consultation=OuterRef("pk"), respondent=user
                ).values("submitted")[:1]
            )
        )
        .order_by("closes_at")
    )
    items = []
    for page in pages:
        if not verified:
            if page.places or page.tenure_list or not page.anonymous_allowed:
                continue
        else:
            if page.places and not page.reaches_home:
                continue
            if page.tenure_list and home.tenure not in page.tenure_list:
                continue
        items.append(
            {
                "page": page,
                "answered": page.my_response is True,
                "draft": page.my_response is False,
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
    """The opportunities the person is interested in, and the form to say how
    involved they want to be: their level is read with the index page the form
    posts to (the form is shown only when there is one). Two queries."""
    interests = (
        Interest.objects.filter(user=request.user, withdrawn_at__isnull=True)
        .select_related("opportunity")
        .order_by("opportunity__title")
    )
    index = (
        InvolvementIndexPage.objects.live()
        .annotate(
            my_level=Subquery(
                InvolvementLevel.objects.filter(user=request.user).values("level")
            )
        )
        .first()
    )
    return Card(
        key="my-interests",
        title=_("Ways you want to get involved"),
        template="involvement/cards/interests.html",
        context={
            "interests": list(interests),
            "level": index.my_level if index else None,
            "levels": Level.choices,
            "index": index,
        },
        order=30,
    )
