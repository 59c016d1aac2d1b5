"""Resident-facing routes of a consultation page (respond, receipt, results)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .forms import ResponseForm
from .models import Response
from .selectors import eligibility, question_results, response_rates
from .services import response_save


def _initial(consultation, response) -> dict:
    if response is None:
        return {}
    initial: dict = {}
    for answer in response.answers.all():
        key = f"q_{answer.question_id}"
        block = next(
            (b for b in consultation.questions if b.id == answer.question_id), None
        )
        if block is None:
            continue
        if block.block_type == "multiple_choice":
            initial.setdefault(key, []).append(answer.value)
        elif block.block_type == "ranking":
            options = list(block.value["options"])
            if answer.value in options:
                initial[f"{key}_{options.index(answer.value)}"] = str(answer.number)
        elif block.block_type == "free_text":
            initial[key] = answer.text
        else:
            initial[key] = answer.value
    return initial


def respond(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    ok, reason = eligibility(page, request.user)
    if not ok:
        return TemplateResponse(
            request,
            "consultations/not_eligible.html",
            {"page": page, "reason": reason},
            status=403,
        )
    response = Response.objects.filter(
        consultation=page, respondent=request.user
    ).first()
    if request.method == "POST":
        form = ResponseForm(request.POST, consultation=page)
        submit = "save" not in request.POST
        if not submit:
            # Saving for later: keep what is there, even with answers missing.
            for field in form.fields.values():
                field.required = False
        if form.is_valid():
            try:
                response_save(
                    consultation=page,
                    respondent=request.user,
                    data=form.cleaned_data,
                    submit=submit,
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                if submit:
                    return redirect(page.url + "receipt/")
                return redirect(page.url + "respond/?saved=1")
    else:
        form = ResponseForm(initial=_initial(page, response), consultation=page)
    return TemplateResponse(
        request,
        "consultations/respond.html",
        {
            "page": page,
            "form": form,
            "my_response": response,
            "saved": request.GET.get("saved"),
        },
    )


def receipt(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    response = (
        Response.objects.filter(
            consultation=page, respondent=request.user, submitted=True
        )
        .prefetch_related("answers")
        .first()
    )
    if response is None:
        raise Http404
    questions = {q["id"]: q for q in response.questions_snapshot}
    answers = []
    for answer in sorted(
        response.answers.all(), key=lambda a: (a.question_id, a.number or 0)
    ):
        question = questions.get(answer.question_id, {}).get("value", {})
        text = answer.text or answer.value
        if (
            answer.number
            and questions.get(answer.question_id, {}).get("type") == "ranking"
        ):
            text = f"{answer.number}. {answer.value}"
        answers.append({"question": question.get("question", ""), "answer": text})
    return TemplateResponse(
        request,
        "consultations/receipt.html",
        {"page": page, "response": response, "answers": answers},
    )


def results(request, page):
    staff = request.user.has_perm("consultations.conclude_consultationpage")
    if not page.results_published_at and not staff:
        raise Http404
    return TemplateResponse(
        request,
        "consultations/results.html",
        {
            "page": page,
            "results": question_results(page, moderated_only=True),
            "rates": response_rates(page),
            "preview": not page.results_published_at,
        },
    )
