"""Portal: every scheme with "you can apply" or why not; applications with save
and return, extra files, submit, answer a query, withdraw, report with receipts;
the grant panel's declarations and scores."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from portal.core.decisions import add_service_errors
from portal.core.money import format_money
from portal.core.selectors import audit_trail_for
from portal.core.steps import step_page
from portal.groups.selectors import current_documents, officer_groups

from . import services
from .eligibility import verdicts
from .forms import (
    ApplicationForm,
    DeclarationForm,
    GrantFileForm,
    ReportFilesForm,
    ScoreForm,
    application_steps,
)
from .models import GrantApplication, GrantScheme
from .selectors import (
    PANEL_STATES,
    SCORING_STATES,
    conditions_progress,
    is_own,
    is_panel_member,
    may_act_for,
    panel_rows,
)
from .tables import ApplicationTable

EDITABLE = {"draft", "more_info"}


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
    table = ApplicationTable(
        GrantApplication.objects.filter(applicant=request.user).select_related(
            "scheme", "group"
        )
    )
    RequestConfig(request, paginate={"per_page": 20}).configure(table)
    return render(
        request,
        "grants/schemes.html",
        {
            "groups": groups,
            "group": group,
            "verdicts": verdicts(user=request.user, group=group),
            "table": table,
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
    first = application_steps(scheme).steps[0]
    return redirect(_question_url(application, first.slug))


def _application_for(request, pk):
    application = get_object_or_404(
        GrantApplication.objects.select_related("scheme", "group"), pk=pk
    )
    if not may_act_for(request.user, application):
        raise Http404
    return application


def _report(request, application):
    form = ReportFilesForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.report_submit(
                application=application, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your report."))
            return None
    return form


def _add_file(request, application):
    form = GrantFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            for upload, content_type in form.cleaned_data["file"]:
                services.application_file_add(
                    application=application,
                    actor=request.user,
                    upload=upload,
                    content_type=content_type,
                    description=form.cleaned_data["description"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("File added."))
            return None
    return form


ANSWERS = ["amount_requested", "purpose", "spending_plan"]


def _answers(application) -> dict:
    return {name: getattr(application, name) for name in ANSWERS}


def _question_url(application, slug: str) -> str:
    return reverse("grants:question", args=[application.pk, slug])


def _check_your_answers(application, steps) -> list[dict]:
    """Each answer with its "Change" link (none for a fixed amount)."""
    form = ApplicationForm()
    rows = []
    for name, value in _answers(application).items():
        step = steps.for_field(name)
        if name == "amount_requested":
            value = format_money(value) if value is not None else ""
        rows.append(
            {
                "label": form.fields[name].label,
                "value": value,
                "url": _question_url(application, step.slug) if step else "",
            }
        )
    return rows


def _submit(request, application, steps) -> list[dict]:
    """Submits; or the problems, each linked to the question to answer."""
    try:
        services.application_submit(application=application, actor=request.user)
    except ValidationError as error:
        problems = []
        by_field = (
            error.message_dict
            if hasattr(error, "error_dict")
            else {None: error.messages}
        )
        for name, texts in by_field.items():
            step = steps.for_field(name) if name else None
            url = _question_url(application, step.slug) + "?change=1" if step else ""
            problems += [{"message": text, "url": url} for text in texts]
        return problems
    messages.success(request, _("Submitted. We will tell you when we have decided."))
    return []


@login_required
def application_question(request, pk: int, step: str):
    """One question of the application a page; each answer is saved as given."""
    application = _application_for(request, pk)
    if application.status not in EDITABLE:
        return redirect("grants:application", application.pk)
    answers = _answers(application)

    def save(given):
        services.application_save(
            application=application, actor=request.user, **(answers | given)
        )

    return step_page(
        request,
        application_steps(application.scheme),
        step,
        initial=answers,
        save=save,
        step_url=lambda slug: _question_url(application, slug),
        check_url=reverse("grants:application", args=[application.pk]),
        caption=application.scheme.name,
    )


@login_required
def application(request, pk: int):
    """The application: "Check your answers" and submit while it can change,
    its files, conditions, the end-of-grant report and its history."""
    application = _application_for(request, pk)
    steps = application_steps(application.scheme)
    action = request.POST.get("action")
    posted = request.method == "POST"
    report_form, file_form, problems = ReportFilesForm(), GrantFileForm(), []
    if posted and action == "report":
        report_form = _report(request, application)
        if report_form is None:
            return redirect("grants:application", application.pk)
    elif posted and action == "upload":
        file_form = _add_file(request, application)
        if file_form is None:
            return redirect("grants:application", application.pk)
    elif posted and action == "withdraw":
        try:
            services.application_withdraw(application=application, actor=request.user)
        except ValidationError as error:
            problems = [{"message": text, "url": ""} for text in error.messages]
        else:
            messages.success(request, _("Application withdrawn."))
            return redirect("grants:schemes")
    elif posted and action == "submit":
        problems = _submit(request, application, steps)
        if not problems:
            return redirect("grants:application", application.pk)
    elif posted:
        return redirect("grants:application", application.pk)
    return render(
        request,
        "grants/application.html",
        {
            "application": application,
            "answers": _check_your_answers(application, steps),
            "problems": problems,
            "file_form": file_form,
            "editable": application.status in EDITABLE,
            "documents": current_documents(application.group).values()
            if application.group_id
            else [],
            "files": application.files.select_related("file"),
            "conditions": conditions_progress(application),
            "history": audit_trail_for(application),
            "report_form": report_form,
            "report_due": application.status == "paid"
            and not application.report_received_on,
        },
    )


@login_required
def panel(request):
    """The applications a panel member is asked to score (none for anyone else)."""
    return render(request, "grants/panel.html", {"rows": panel_rows(request.user)})


def _panel_application(request, pk):
    application = get_object_or_404(
        GrantApplication.objects.select_related("scheme", "group"),
        pk=pk,
        status__in=PANEL_STATES,
    )
    if not is_panel_member(request.user, application.scheme):
        raise Http404
    return application


@login_required
def panel_application(request, pk: int):
    """Declare any conflict first; then read the application and score it."""
    application = _panel_application(request, pk)
    own = is_own(request.user, application)
    review = application.panel_reviews.filter(member=request.user).first()
    action = request.POST.get("action") if request.method == "POST" else None
    declaration = DeclarationForm(request.POST if action == "declare" else None)
    score_form = ScoreForm(
        request.POST if action == "score" else None,
        criteria=application.scheme.criteria,
        initial={
            "comment": review.comment if review else "",
            **{
                f"score_{n}": row["score"]
                for n, row in enumerate(review.scores if review else [])
            },
        },
    )
    form = declaration if action == "declare" else score_form
    if action in {"declare", "score"} and not own and form.is_valid():
        try:
            if action == "declare":
                services.panel_declare(
                    application=application,
                    member=request.user,
                    conflict=form.cleaned_data["conflict"],
                    reason=form.cleaned_data["conflict_reason"],
                )
                message = _("Declaration recorded.")
            else:
                services.panel_score(
                    application=application,
                    member=request.user,
                    scores=form.scores,
                    comment=form.cleaned_data["comment"],
                )
                message = _("Your scores are saved. Thank you.")
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                error = ValidationError(str(error))
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("grants:panel_application", application.pk)
    may_read = not own and review is not None and not review.conflict
    return render(
        request,
        "grants/panel_application.html",
        {
            "application": application,
            "own": own,
            "review": review,
            "may_read": may_read,
            "may_score": may_read and application.status in SCORING_STATES,
            "declaration": declaration,
            "score_form": score_form,
            "files": application.files.filter(kind="supporting").select_related("file")
            if may_read
            else [],
        },
    )
