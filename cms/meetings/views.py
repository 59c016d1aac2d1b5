"""The calendar (list, month, past, filters) and its iCalendar feeds."""

import calendar
import datetime

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.core.pagecache import public_cache
from cms.core.selectors import public_pages
from portal.core.fields import BoundedModelChoiceField
from portal.core.params import parse_month
from portal.housing.models import Area

from . import notice
from .ical import calendar_for
from .models import Body, MeetingPage, MeetingRules

PER_PAGE = 20


class CalendarFilterForm(forms.Form):
    body = BoundedModelChoiceField(
        label=gettext_lazy("Body"),
        queryset=Body.objects.all(),
        required=False,
        empty_label=gettext_lazy("All bodies"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *MeetingPage.Kind.choices],
        required=False,
    )
    area = BoundedModelChoiceField(
        label=gettext_lazy("Area"),
        queryset=Area.objects.all(),
        required=False,
        empty_label=gettext_lazy("All areas"),
    )


def meetings_in_calendar(index=None):
    meetings = public_pages(MeetingPage.objects.live()).select_related(
        "body", "venue", "publication"
    )
    if index is not None:
        meetings = meetings.child_of(index)
    return meetings


def upcoming_meetings(*, limit: int):
    """The next few meetings going ahead, for the home page."""
    return list(
        meetings_in_calendar()
        .filter(end__gte=timezone.now(), status=MeetingPage.Status.SCHEDULED)
        .order_by("start")[:limit]
    )


def _month_weeks(month: datetime.date, meetings) -> list[list[dict]]:
    """Weeks of the month as rows of days, each with its meetings (Monday first)."""
    by_day: dict[datetime.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(notice.local_date(meeting.start), []).append(meeting)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    )
    return [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "meetings": by_day.get(day, []),
            }
            for day in week
        ]
        for week in weeks
    ]


def calendar_page(request, index):
    form = CalendarFilterForm(request.GET or None)
    meetings = meetings_in_calendar(index)
    if form.is_valid():
        data = form.cleaned_data
        if data["body"]:
            meetings = meetings.filter(body=data["body"])
        if data["kind"]:
            meetings = meetings.filter(kind=data["kind"])
        if data["area"]:
            meetings = meetings.filter(area=data["area"])
    now = timezone.now()
    view = request.GET.get("view", "upcoming")
    context = {"page": index, "self": index, "form": form, "view": view}
    month = parse_month(request.GET.get("month"))
    if view == "month" or month:
        view = context["view"] = "month"
        month = month or notice.today().replace(day=1)
        start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
        in_month = meetings.filter(start__gte=start, start__lt=end).order_by("start")
        context.update(
            month=month,
            previous_month=(month - datetime.timedelta(days=1)).replace(day=1),
            next_month=following,
            weeks=_month_weeks(month, in_month),
        )
    else:
        if view == "past":
            listed = meetings.filter(start__lt=now).order_by("-start")
        else:
            view = context["view"] = "upcoming"
            listed = meetings.filter(end__gte=now).order_by("start")
        page_obj = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
        context.update(page_obj=page_obj, rules=MeetingRules.load())
    return TemplateResponse(request, "meetings/meeting_index_page.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FEED_WINDOW = datetime.timedelta(days=400)


def _feed_meetings():
    since = timezone.now() - FEED_WINDOW
    return meetings_in_calendar().filter(end__gte=since).order_by("start")


@public_cache("type:meetings.meetingpage")
def calendar_feed(request):
    """`/meetings/calendar.ics`: every meeting from the last year onwards."""
    content = calendar_for(_feed_meetings(), name=_("Meetings"), request=request)
    return _ics_response(content, "meetings.ics")


@public_cache("type:meetings.meetingpage")
def body_feed(request, body_id: int):
    body = get_object_or_404(Body, pk=body_id)
    meetings = _feed_meetings().filter(body=body)
    content = calendar_for(meetings, name=body.name, request=request)
    return _ics_response(content, f"meetings-{body.pk}.ics")


@public_cache("type:meetings.meetingpage")
def meeting_ics(request, page_id: int):
    """ "Add to calendar" for one meeting."""
    meeting = meetings_in_calendar().filter(pk=page_id).first()
    if meeting is None:
        raise Http404
    content = calendar_for([meeting], name=meeting.title, request=request)
    return _ics_response(content, f"meeting-{meeting.pk}.ics")
