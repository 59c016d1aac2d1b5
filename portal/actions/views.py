"""Public: "What we are doing" (`/what-we-are-doing/`), one action's story, and
following an action or an estate (signed in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.housing.models import Estate

from .forms import RegisterFilterForm
from .models import Action
from .selectors import is_following, progress_summary, public_actions
from .services import action_follow, action_unfollow

PER_PAGE = 20


def register(request):
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    actions = public_actions(filters=filters)
    summary = progress_summary(public_actions(filters={**filters, "progress": ""}))
    page_obj = Paginator(actions, PER_PAGE).get_page(request.GET.get("page"))
    estate = filters.get("estate")
    return render(
        request,
        "actions/register.html",
        {
            "form": form,
            "page_obj": page_obj,
            "summary": summary,
            "estate": estate,
            "following_estate": estate and is_following(request.user, estate=estate),
        },
    )


def detail(request, pk: int):
    action = get_object_or_404(
        Action.objects.select_related(
            "area", "estate", "topic", "owner", "meeting", "consultation"
        ),
        pk=pk,
    )
    updates = action.updates.select_related("photo", "document").prefetch_related(
        "photo__renditions"
    )
    return render(
        request,
        "actions/detail.html",
        {
            "action": action,
            "updates": updates,
            "following": is_following(request.user, action=action),
        },
    )


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
@login_required
def follow_action(request, pk: int):
    action = get_object_or_404(Action, pk=pk)
    if request.POST.get("stop"):
        action_unfollow(person=request.user, action=action)
        messages.success(request, _("You will no longer hear about this action."))
    else:
        action_follow(person=request.user, action=action)
        messages.success(request, _("We will tell you when this action moves on."))
    return _back(request, action_url(action))


@require_POST
@login_required
def follow_estate(request, estate_id: int):
    estate = get_object_or_404(Estate, pk=estate_id)
    if request.POST.get("stop"):
        action_unfollow(person=request.user, estate=estate)
        messages.success(
            request,
            _("You will no longer hear about actions on %(estate)s.")
            % {"estate": estate.name},
        )
    else:
        action_follow(person=request.user, estate=estate)
        messages.success(
            request,
            _("We will tell you when an action on %(estate)s moves on.")
            % {"estate": estate.name},
        )
    return _back(request, f"{redirect('actions:register').url}?estate={estate.pk}")


def action_url(action: Action) -> str:
    from django.urls import reverse

    return reverse("actions:detail", args=[action.pk])
