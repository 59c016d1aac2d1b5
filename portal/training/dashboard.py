"""Dashboard card: my training places coming up (and my turn on waiting
lists), and a link to the courses."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dashboard import Action, Card, register_card

from .models import SignUp
from .selectors import with_waiting_position


@register_card(order=45)
def training_card(request) -> Card:
    booked = list(
        with_waiting_position(
            SignUp.objects.filter(
                person=request.user,
                status__in=[SignUp.Status.BOOKED, SignUp.Status.WAITING],
                session__starts_at__gt=timezone.now(),
            )
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
