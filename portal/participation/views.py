"""Portal pages for one meeting: reply (with access needs) and feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from cms.core.selectors import public_pages
from cms.meetings.models import Body, MeetingPage

from . import services
from .forms import FeedbackForm, RsvpForm, access_needs_text
from .models import Rsvp
from .selectors import attendee_list, runs_the_meeting
from .tables import AttendeeTable


def _meeting(page_id: int) -> MeetingPage:
    meeting = (
        public_pages(MeetingPage.objects.live())
        .select_related("venue", "body")
        .filter(pk=page_id)
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
def attendees(request, page_id: int):
    """Who has replied, for the officers of the group that runs the meeting;
    anyone else gets "not found"."""
    meeting = _meeting(page_id)
    if not runs_the_meeting(request.user, meeting):
        raise Http404
    table = AttendeeTable(attendee_list(meeting))
    RequestConfig(request).configure(table)
    coming = (
        attendee_list(meeting)
        .filter(response=Rsvp.Response.ATTENDING, place=Rsvp.Place.CONFIRMED)
        .count()
    )
    return render(
        request,
        "participation/attendees.html",
        {"meeting": meeting, "table": table, "coming": coming},
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


@login_required
@require_POST
def follow(request, body_id: int):
    body = get_object_or_404(Body, pk=body_id)
    following = request.POST.get("follow") == "1"
    services.body_follow(body=body, person=request.user, follow=following)
    if following:
        message = _(
            "You are following %(body)s. We will tell you about new meetings "
            "and changes."
        )
    else:
        message = _("You no longer follow %(body)s.")
    messages.success(request, message % {"body": body.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = "/meetings/"
    return redirect(next_url)
