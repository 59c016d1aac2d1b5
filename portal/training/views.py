"""Resident pages (`/portal/training/`): sessions coming up with sign-up and
cancel, my places, my certificates (PDF, mine only) and the yearly skills
audit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.core.models import LandlordSettings
from portal.core.dates import london_today
from portal.core.decisions import add_service_errors
from portal.core.involvement import financial_year, financial_year_label

from .certificates import certificate_pdf
from .forms import SkillsAuditForm
from .models import Session, SignUp, SkillsAudit
from .selectors import certificate_for, certificates_of, sign_ups_of, upcoming_sessions
from .services import (
    may_train,
    skills_audit_save,
    training_cancel,
    training_sign_up,
)

PER_PAGE = 20


@login_required
def index(request):
    user = request.user
    page_obj = Paginator(upcoming_sessions(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    mine = list(sign_ups_of(user)[:50])
    booked = {s.session_id for s in mine if s.status == SignUp.Status.BOOKED}
    for session in page_obj:
        session.booked = session.pk in booked
        session.left = max(session.capacity - session.taken, 0)
    return render(
        request,
        "training/index.html",
        {
            "page_obj": page_obj,
            "sessions": page_obj.object_list,
            "mine": mine,
            "certificates": certificates_of(user),
            "may_train": may_train(user),
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def sign_up(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("course"), pk=session_id)
    try:
        training_sign_up(session=session, person=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            _("You have a place on “%(course)s”. We look forward to seeing you.")
            % {"course": session.course.title},
        )
    return redirect("training:index")


@require_POST
@login_required
def cancel(request, sign_up_id: int):
    # Only the person's own places can be found: anyone else's is "not found".
    sign_up = get_object_or_404(SignUp, pk=sign_up_id, person=request.user)
    try:
        training_cancel(sign_up=sign_up, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Your place is cancelled."))
    return redirect("training:index")


def certificate_response(request, person, course_id: int) -> HttpResponse:
    certificate = certificate_for(person, course_id)
    if certificate is None:
        raise Http404(_("There is no certificate for this course."))
    pdf = certificate_pdf(
        person_name=person.get_full_name() or person.email,
        course_title=certificate.course.title,
        provider=certificate.course.provider,
        day=certificate.day,
        landlord=LandlordSettings.for_request(request).name,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"certificate {certificate.course.title}") or "certificate"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
def certificate(request, course_id: int):
    """My certificate for a course I attended (nobody else's: the person is
    always the one signed in)."""
    return certificate_response(request, request.user, course_id)


@login_required
def skills_audit(request):
    """This financial year's skills audit: fill it in once, update it later."""
    user = request.user
    if not may_train(user):
        return render(request, "training/skills_audit.html", {"may_train": False})
    year = financial_year(london_today())
    existing = (
        SkillsAudit.objects.filter(person=user, year=year)
        .prefetch_related("skills", "training_wanted")
        .first()
    )
    initial = {}
    if existing:
        initial = {
            "skills": list(existing.skills.all()),
            "confidence": existing.confidence,
            "training_wanted": list(existing.training_wanted.all()),
            "other_training": existing.other_training,
        }
    form = SkillsAuditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            skills_audit_save(person=user, year=year, **form.cleaned_data)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. We use your answers to plan training."),
            )
            return redirect("training:index")
    return render(
        request,
        "training/skills_audit.html",
        {
            "form": form,
            "may_train": True,
            "existing": existing,
            "year_label": financial_year_label(year),
        },
    )
