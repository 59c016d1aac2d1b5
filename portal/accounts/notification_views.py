"""The preference centre: everything a person hears from us and how, reached from
the portal or, without signing in, from the signed link at the foot of each email."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.core import notifications
from portal.core.models import Notification, NotificationOptOut
from portal.core.services import audit_record

from .forms import NotificationSettingsForm
from .models import ContactPreferences

RECENT_MESSAGES = 10


def _person(request, token):
    if token is None:
        if not request.user.is_authenticated:
            return None
        return request.user
    user_id = notifications.read_preferences_token(token)
    if user_id is None:
        raise Http404
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@never_cache
def notification_preferences(request, token=None):
    person = _person(request, token)
    if person is None:
        if token is None:
            return redirect(f"/accounts/login/?next={request.path}")
        raise Http404
    preferences = ContactPreferences.objects.filter(user=person).first()
    opted_out = list(
        NotificationOptOut.objects.filter(user=person).values_list("kind", flat=True)
    )
    choices = [(kind, notifications.kind_label(kind)) for kind in opted_out]
    form = NotificationSettingsForm(
        request.POST or None, instance=preferences, person=person, opted_out=choices
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            record = form.save(commit=False)
            record.user = person
            record.save()
            form.save_m2m()
            form.save_follows(person)
            again = form.cleaned_data.get("resubscribe") or []
            NotificationOptOut.objects.filter(user=person, kind__in=again).delete()
            audit_record(
                actor=request.user if request.user.is_authenticated else None,
                action="notification.preferences_changed",
                target=person,
                details={"resubscribed": again, "by_link": token is not None},
            )
        messages.success(request, _("Your choices are saved."))
        return redirect(request.path)
    recent = (
        Notification.objects.filter(recipient=person)
        .only("subject", "channel", "status", "created_at")
        .order_by("-created_at")[:RECENT_MESSAGES]
    )
    return render(
        request,
        "accounts/notification_preferences.html",
        {
            "form": form,
            "person": person,
            "by_link": token is not None,
            "recent": recent,
            "sms_cap": notifications.sms_yearly_cap(),
        },
    )
