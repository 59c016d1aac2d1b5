from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .services import interest_express, interest_withdraw


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
