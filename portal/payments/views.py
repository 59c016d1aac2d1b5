"""Residents and group officers give the account they are paid into. They see
only its last four digits afterwards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal.groups.models import Group
from portal.groups.selectors import is_officer

from .forms import BankDetailsForm
from .selectors import bank_details_for
from .services import bank_details_submit


def _bank_details_page(request, *, owner_user=None, owner_group=None):
    current = bank_details_for(user=owner_user, group=owner_group)
    form = BankDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bank_details_submit(
            owner_user=owner_user,
            owner_group=owner_group,
            actor=request.user,
            **form.cleaned_data,
        )
        messages.success(
            request,
            _("Thank you. We will check the new details before we pay into them."),
        )
        return redirect(request.path)
    return render(
        request,
        "payments/bank_details.html",
        {"form": form, "current": current, "group": owner_group},
    )


@login_required
def my_bank_details(request):
    return _bank_details_page(request, owner_user=request.user)


@login_required
def group_bank_details(request, pk: int):
    group = get_object_or_404(Group, pk=pk)
    if not is_officer(request.user, group):
        raise Http404
    return _bank_details_page(request, owner_group=group)
