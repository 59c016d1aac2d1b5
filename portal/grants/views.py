"""Portal: every scheme with "you can apply" or why not; applications with save
and return, submit, answer a query, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.selectors import audit_trail_for
from portal.groups.selectors import current_documents, officer_groups
from portal.groups.views import add_service_errors

from . import services
from .eligibility import verdicts
from .forms import ApplicationForm, ReportForm
from .models import GrantApplication, GrantScheme


def _chosen_group(request):
    groups = list(officer_groups(request.user).order_by("name"))
    wanted = request.GET.get("group") or request.POST.get("group")
    chosen = next(
        (g for g in groups if str(g.pk) == wanted), groups[0] if groups else None
    )
    return groups, chosen


@login_required
def schemes(request):
    groups, group = _chosen_group(request)
    return render(
        request,
        "grants/schemes.html",
        {
            "groups": groups,
            "group": group,
            "verdicts": verdicts(user=request.user, group=group),
            "applications": GrantApplication.objects.filter(applicant=request.user)
            .select_related("scheme", "group")
            .order_by("-created_at")[:20],
        },
    )


@login_required
@require_POST
def start(request, scheme_id: int):
    scheme = get_object_or_404(GrantScheme, pk=scheme_id, is_active=True)
    groups, group = _chosen_group(request)
    if scheme.applicant == GrantScheme.Applicant.RESIDENT:
        group = None
    try:
        application = services.application_start(
            scheme=scheme, applicant=request.user, group=group
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("grants:schemes")
    return redirect("grants:application", application.pk)


def _application_for(request, pk):
    application = get_object_or_404(
        GrantApplication.objects.select_related("scheme", "group"), pk=pk
    )
    if not services._may_act_for(request.user, application):
        raise Http404
    return application


@login_required
def application(request, pk: int):
    application = _application_for(request, pk)
    form = ApplicationForm(
        request.POST or None,
        initial={
            "amount_requested": application.amount_requested,
            "purpose": application.purpose,
            "spending_plan": application.spending_plan,
        },
    )
    report_form = ReportForm(
        request.POST if request.POST.get("action") == "report" else None
    )
    if request.method == "POST" and request.POST.get("action") == "report":
        if report_form.is_valid():
            try:
                services.report_submit(
                    application=application,
                    actor=request.user,
                    **report_form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(report_form, error)
            else:
                messages.success(request, _("Thank you for your report."))
                return redirect("grants:application", application.pk)
    elif request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "withdraw":
                services.application_withdraw(
                    application=application, actor=request.user
                )
                messages.success(request, _("Application withdrawn."))
                return redirect("grants:schemes")
            if form.is_valid():
                services.application_save(
                    application=application, actor=request.user, **form.cleaned_data
                )
                if action == "submit":
                    services.application_submit(
                        application=application, actor=request.user
                    )
                    messages.success(
                        request, _("Submitted. We will tell you when we have decided.")
                    )
                else:
                    messages.success(
                        request, _("Saved. You can come back to it later.")
                    )
                return redirect("grants:application", application.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "grants/application.html",
        {
            "application": application,
            "form": form,
            "editable": application.state in {"draft", "more_info"},
            "documents": current_documents(application.group).values()
            if application.group_id
            else [],
            "history": audit_trail_for(application),
            "report_form": report_form,
            "report_due": application.state == "paid"
            and not application.report_received_on,
        },
    )
