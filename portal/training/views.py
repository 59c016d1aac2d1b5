"""Resident pages (`/portal/training/`): sessions coming up with sign-up, the
waiting list and cancel, my places, my certificates (PDF, mine only) and the
yearly skills audit; an advocate books and cancels for the person they help at
`/portal/training/for/<id>/`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.core.models import LandlordSettings
from portal.accounts.selectors import helped_by, people_helped_by
from portal.core.dates import london_today
from portal.core.decisions import add_service_errors
from portal.core.involvement import financial_year, financial_year_label

from .certificates import certificate_pdf
from .forms import SkillsAuditForm
from .models import Session, SignUp, SkillsAudit
from .selectors import (
    certificate_for,
    certificates_of,
    sign_ups_of,
    upcoming_sessions,
    waiting_position,
)
from .services import (
    may_train,
    skills_audit_save,
    training_cancel,
    training_join_waiting_list,
    training_sign_up,
)

PER_PAGE = 20


def _person(request, resident_id: int | None):
    """Whose places the page is about: the signed-in person, or someone they
    help as their advocate. Anyone else's page is "not found"."""
    if resident_id is None:
        return request.user
    resident = helped_by(request.user, resident_id)
    if resident is None:
        raise Http404
    return resident


def _back(resident_id: int | None):
    if resident_id is None:
        return redirect("training:index")
    return redirect("training:index_for", resident_id=resident_id)


def _refused(request, error) -> None:
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def _name(person) -> str:
    return person.get_full_name() or person.email


@login_required
def index(request, resident_id: int | None = None):
    """Sessions coming up with booking (or the waiting list when full), my
    places and certificates. An advocate sees the same for the person they
    help at `for/<id>/`."""
    user = request.user
    person = _person(request, resident_id)
    page_obj = Paginator(upcoming_sessions(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    mine = list(sign_ups_of(person)[:50])
    current = {
        s.session_id: s
        for s in mine
        if s.status in (SignUp.Status.BOOKED, SignUp.Status.WAITING)
    }
    for session in page_obj:
        session.mine = current.get(session.pk)
        session.left = max(session.capacity - session.taken, 0)
    acting_for = person if person != user else None
    return render(
        request,
        "training/index.html",
        {
            "page_obj": page_obj,
            "sessions": page_obj.object_list,
            "mine": mine,
            "acting_for": acting_for,
            "helping": [] if acting_for else people_helped_by(user),
            "certificates": [] if acting_for else certificates_of(user),
            "may_train": may_train(person),
            "now": timezone.now(),
        },
    )


def _session(session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("course"), pk=session_id)


@require_POST
@login_required
def sign_up(request, session_id: int, resident_id: int | None = None):
    person = _person(request, resident_id)
    session = _session(session_id)
    try:
        training_sign_up(session=session, person=person, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        values = {"course": session.course.title, "name": _name(person)}
        messages.success(
            request,
            _("%(name)s has a place on “%(course)s”. We have told them.") % values
            if resident_id
            else _("You have a place on “%(course)s”. We look forward to seeing you.")
            % values,
        )
    return _back(resident_id)


@require_POST
@login_required
def join_waiting_list(request, session_id: int, resident_id: int | None = None):
    person = _person(request, resident_id)
    session = _session(session_id)
    try:
        place = training_join_waiting_list(
            session=session, person=person, actor=request.user
        )
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        values = {
            "course": session.course.title,
            "position": waiting_position(place),
            "name": _name(person),
        }
        messages.success(
            request,
            _(
                "%(name)s is on the waiting list for “%(course)s” (number "
                "%(position)s). We have told them."
            )
            % values
            if resident_id
            else _(
                "You are on the waiting list for “%(course)s” (number "
                "%(position)s). We will tell you if a place comes free."
            )
            % values,
        )
    return _back(resident_id)


@require_POST
@login_required
def cancel(request, sign_up_id: int, resident_id: int | None = None):
    # Only the person's own places (or those of someone they help) can be
    # found: anyone else's is "not found".
    person = _person(request, resident_id)
    sign_up = get_object_or_404(
        SignUp.objects.select_related("session"), pk=sign_up_id, person=person
    )
    was_waiting = sign_up.status == SignUp.Status.WAITING
    try:
        training_cancel(sign_up=sign_up, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        if was_waiting:
            done = _("That place is off the waiting list.")
        elif resident_id:
            done = _("The place for %(name)s is cancelled. We have told them.") % {
                "name": _name(person)
            }
        else:
            done = _("Your place is cancelled.")
        messages.success(request, done)
    return _back(resident_id)


def certificate_response(
    request, person, course_id: int, language: str = ""
) -> HttpResponse:
    """The certificate PDF, written in `language` (default: the page's)."""
    certificate = certificate_for(person, course_id)
    if certificate is None:
        raise Http404(_("There is no certificate for this course."))
    with translation.override(language or translation.get_language()):
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
