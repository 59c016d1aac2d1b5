"""Pages people reach from a message: one-click unsubscribe (no sign-in needed)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from . import notifications
from .models import NotificationOptOut
from .services import audit_record


@csrf_exempt  # RFC 8058: mail clients POST here without a session; the token is the key
def unsubscribe(request, token: str):
    """Stop one kind of message in one click, without signing in.

    The link is signed, so nobody can unsubscribe someone else. GET only shows
    the button (link scanners must not unsubscribe people); POST does it, which
    is also what a mail client's own "Unsubscribe" button sends.
    """
    found = notifications.read_unsubscribe_token(token)
    if found is None:
        return render(request, "core/unsubscribe.html", {"invalid": True}, status=400)
    user_id, kind = found
    user = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    done = False
    if request.method == "POST":
        with transaction.atomic():
            _opt_out, created = NotificationOptOut.objects.get_or_create(
                user=user, kind=kind
            )
            if created:
                audit_record(
                    actor=None,
                    action="notification.unsubscribed",
                    target=user,
                    details={"kind": kind},
                )
        done = True
    return render(
        request,
        "core/unsubscribe.html",
        {
            "done": done,
            "kind_label": notifications.kind_label(kind),
            "preferences_url": notifications.preferences_url(user_id=user.pk),
        },
    )
