"""Portal pages for one meeting: reply (with access needs) and feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms.meetings.models import MeetingPage

from . import services
from .forms import FeedbackForm, RsvpForm, access_needs_text
from .models import Rsvp


def _meeting(page_id: int) -> MeetingPage:
    meeting = (
        MeetingPage.objects.live().public().select_related("venue").filter(pk=page_id)
    ).first()
    if meeting is None:
        raise Http404
    return meeting


@login_required
def rsvp(request, page_id: int):
    meeting = _meeting(page_id)
    existing = Rsvp.objects.filter(meeting=meeting, person=request.user).first()
    initial = {} if existing else {"access_needs": access_needs_text(request.user)}
    form = RsvpForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and "withdraw" in request.POST and existing:
        services.rsvp_withdraw(rsvp=existing)
        messages.success(request, _("Your reply has been taken back."))
        return redirect(meeting.url)
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.rsvp_respond(
                meeting=meeting,
                person=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                str(
                    reply.get_place_display()
                    if reply.response == Rsvp.Response.ATTENDING
                    else _("Thank you. We have your apologies.")
                ),
            )
            return redirect(meeting.url)
    return render(
        request,
        "participation/rsvp.html",
        {"meeting": meeting, "form": form, "existing": existing},
    )


@login_required
def feedback(request, page_id: int):
    meeting = _meeting(page_id)
    if not services.may_give_feedback(meeting, request.user):
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(
                meeting=meeting, person=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for telling us how it went."))
            return redirect(meeting.url)
    return render(
        request, "participation/feedback.html", {"meeting": meeting, "form": form}
    )
