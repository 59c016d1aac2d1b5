"""Resident-facing routes of a consultation page (respond, receipt, results)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.core.ratelimit import allow

from .forms import AnonymousResponseForm, ResponseForm
from .models import ANONYMOUS_PER_CONNECTION_PER_DAY, Channel, Response
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


ANSWERED_COOKIE = "consultations_answered"
ANSWERED_SALT = "consultations.anonymous"


def _answered_here(request) -> list[str]:
    """Receipt numbers of the answers sent from this browser without an account."""
    value = request.get_signed_cookie(ANSWERED_COOKIE, default="", salt=ANSWERED_SALT)
    return [ref for ref in value.split(",") if ref]


def respond_anonymously(request, page):
    """One answer from each device, a few a day from one connection (stated on
    the page); counted in the results, not in response rates (no home known)."""
    already = Response.objects.filter(
        consultation=page, reference__in=_answered_here(request)
    ).exists()
    form = AnonymousResponseForm(
        request.POST if request.method == "POST" else None, consultation=page
    )
    if request.method == "POST" and form.is_valid():
        if already:
            form.add_error(None, _("You have already answered from this device."))
        elif not allow(
            request,
            action=f"consultation-anonymous-{page.pk}",
            limit=ANONYMOUS_PER_CONNECTION_PER_DAY,
            seconds=24 * 3600,
        ):
            form.add_error(
                None,
                _(
                    "We have had a lot of answers from this internet connection "
                    "today. Please sign in to answer, or try again tomorrow."
                ),
            )
        else:
            response = response_save(
                consultation=page,
                respondent=None,
                data=form.cleaned_data,
                submit=True,
                channel=Channel.ANONYMOUS,
                draw_contact=form.draw_contact(language=request.LANGUAGE_CODE),
            )
            redirect_to = redirect(page.url + "receipt/")
            refs = [*_answered_here(request), str(response.reference)][-50:]
            redirect_to.set_signed_cookie(
                ANSWERED_COOKIE,
                ",".join(refs),
                salt=ANSWERED_SALT,
                max_age=365 * 24 * 3600,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return redirect_to
    return TemplateResponse(
        request,
        "consultations/respond.html",
        {
            "page": page,
            "form": form,
            "anonymous": True,
            "already": already,
            "per_day": ANONYMOUS_PER_CONNECTION_PER_DAY,
            "login_url": f"{resolve_url('account_login')}?next={page.url}respond/",
        },
    )


def respond(request, page):
    if not request.user.is_authenticated:
        if page.anonymous_allowed and page.is_open:
            return respond_anonymously(request, page)
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
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
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
    if request.user.is_authenticated:
        mine = Response.objects.filter(respondent=request.user)
    elif page.anonymous_allowed:
        mine = Response.objects.filter(reference__in=_answered_here(request))
    else:
        return redirect_to_login(request.get_full_path())
    response = (
        mine.filter(consultation=page, submitted=True)
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
