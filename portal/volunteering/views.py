"""Resident pages: my volunteer hours, and logging new ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.core.decisions import add_service_errors

from .forms import LogHoursForm
from .selectors import hours_of
from .services import hours_log


@login_required
def mine(request):
    """The hours I logged and what happened to each, and the form to log more."""
    form = LogHoursForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hours_log(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. Your hours will count once the team confirms them."),
            )
            return redirect("volunteering:mine")
    return render(
        request,
        "volunteering/mine.html",
        {"form": form, "logged": list(hours_of(request.user)[:100])},
    )
