from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Level
from .services import interest_express, interest_withdraw, involvement_level_set


def interest(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("withdraw"):
        interest_withdraw(opportunity=page, user=request.user)
        messages.success(request, _("We have taken you off the list for this."))
    else:
        interest_express(opportunity=page, user=request.user)
        messages.success(
            request,
            _("Thank you. We will contact you about this in the way you prefer."),
        )
    return redirect(page.url)


def my_level(request, page):
    """The resident changes how involved they want to be (from the dashboard)."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    level = request.POST.get("level", "")
    if level not in Level.values:
        messages.error(request, _("Choose one of the levels in the list."))
    else:
        involvement_level_set(user=request.user, level=level)
        messages.success(
            request,
            _("Saved. You can change how involved you want to be at any time."),
        )
    return redirect("portal:dashboard")
