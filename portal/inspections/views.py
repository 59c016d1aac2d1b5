"""Resident inspectors' screens (`/portal/inspections/`: sign up, start, one step
per checklist area, send) and the public results of an estate's inspections
(`/what-we-are-doing/inspections/<estate>/`)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.dates import london_today
from portal.housing.models import Estate

from .forms import ScoreForm
from .models import EstateSchedule, Inspection, InspectionScore, Inspector
from .selectors import estate_inspections, scores_by_estate_and_month
from .services import (
    inspection_score_save,
    inspection_start,
    inspection_submit,
    inspector_sign_up,
    lives_on,
    may_inspect,
)


@login_required
def index(request):
    user = request.user
    schedules = EstateSchedule.objects.select_related("estate")
    mine = set(
        Inspector.objects.filter(person=user).values_list("estate_id", flat=True)
    )
    estates = [
        {
            "estate": s.estate,
            "inspector": s.estate_id in mine or may_inspect(user, s.estate),
            "can_join": s.estate_id not in mine and lives_on(user, s.estate),
            "schedule": s,
        }
        for s in schedules
    ]
    drafts = Inspection.objects.filter(
        lead=user, status=Inspection.Status.DRAFT
    ).select_related("estate")
    return render(
        request, "inspections/index.html", {"estates": estates, "drafts": drafts}
    )


@require_POST
@login_required
def sign_up(request, estate_id: int):
    estate = get_object_or_404(Estate, pk=estate_id)
    try:
        inspector_sign_up(person=request.user, estate=estate)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you: you are a resident inspector for %(estate)s.")
            % {"estate": estate.name},
        )
    return redirect("inspections:index")


@require_POST
@login_required
def start(request, estate_id: int):
    estate = get_object_or_404(Estate, pk=estate_id)
    try:
        inspection = inspection_start(estate=estate, lead=request.user)
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("inspections:index")
    return redirect("inspections:overview", inspection.pk)


def _own_draft(request, pk: int) -> Inspection:
    inspection = get_object_or_404(Inspection.objects.select_related("estate"), pk=pk)
    if inspection.lead_id != request.user.pk and not may_inspect(
        request.user, inspection.estate
    ):
        raise PermissionDenied
    return inspection


@login_required
def overview(request, pk: int):
    inspection = _own_draft(request, pk)
    scores = list(inspection.scores.select_related("area"))
    if request.method == "POST":
        try:
            inspection_submit(inspection=inspection, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Inspection sent. Thank you: problems are now actions for the team."),
            )
            return redirect("estate_inspections:results", inspection.estate_id)
    return render(
        request,
        "inspections/overview.html",
        {"inspection": inspection, "scores": scores},
    )


@login_required
def step(request, pk: int, score_id: int):
    inspection = _own_draft(request, pk)
    score = get_object_or_404(
        InspectionScore.objects.select_related("area"),
        pk=score_id,
        inspection=inspection,
    )
    steps = list(inspection.scores.values_list("pk", flat=True))
    position = steps.index(score.pk)
    if request.method == "POST":
        form = ScoreForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                inspection_score_save(
                    score=score,
                    actor=request.user,
                    value=form.cleaned_data["score"],
                    note=form.cleaned_data["note"],
                    problem=form.cleaned_data["problem"],
                    photo=form.cleaned_data["photo"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                if position + 1 < len(steps):
                    return redirect("inspections:step", pk, steps[position + 1])
                return redirect("inspections:overview", pk)
    else:
        form = ScoreForm(
            initial={"score": score.score, "note": score.note, "problem": score.problem}
        )
    return render(
        request,
        "inspections/step.html",
        {
            "inspection": inspection,
            "score": score,
            "form": form,
            "number": position + 1,
            "total": len(steps),
        },
    )


def estate_results(request, estate_id: int):
    """Public: an estate's scores over a year (chart and table) and what was done
    about each problem."""
    estate = get_object_or_404(Estate.objects.select_related("area"), pk=estate_id)
    end = london_today()
    months = scores_by_estate_and_month(
        start=end - datetime.timedelta(days=365), end=end, estate=estate
    )
    for index, month in enumerate(months):
        height = round(month["average"] / 5 * 80)
        month.update(
            x=index * 32 + 4,
            y=100 - height,
            height=height,
            label_x=index * 32 + 16,
            value_y=96 - height,
        )
    return render(
        request,
        "inspections/estate_results.html",
        {
            "estate": estate,
            "months": months,
            "chart_width": max(len(months), 1) * 32 + 8,
            "inspections": estate_inspections(estate),
        },
    )


def estates(request):
    """Public: the estates inspected and how often."""
    return render(
        request,
        "inspections/estates.html",
        {
            "schedules": EstateSchedule.objects.select_related(
                "estate__area", "opportunity"
            )
        },
    )
