"""Dashboard card: my training places coming up, and a link to the courses."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dashboard import Action, Card, register_card

from .models import SignUp


@register_card(order=45)
def training_card(request) -> Card:
    booked = list(
        SignUp.objects.filter(
            person=request.user,
            status=SignUp.Status.BOOKED,
            session__starts_at__gt=timezone.now(),
        )
        .select_related("session__course")
        .order_by("session__starts_at")[:5]
    )
    return Card(
        key="my-training",
        title=_("Training"),
        template="training/cards/training.html",
        context={"booked": booked},
        actions=[Action(_("Find training"), reverse("training:index"))],
        order=45,
    )
