"""Back-office pages about taking part in meetings: the compliance report
(notice, minutes, feedback results) and a meeting's attendees with their needs
and attendance. Registered in this app's wagtail_hooks (the URLs keep their
names, `meeting_report` and `meeting_attendees`)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cms.meetings.models import Body, MeetingPage
from cms.meetings.selectors import compliance_by_body
from portal.core.params import parse_id
from portal.core.permissions import StaffPageMixin

from .models import Attendance, Rsvp
from .selectors import FEEDBACK_SCORES, attendee_list, feedback_results
from .services import attendance_record, rsvp_needs_met


class ComplianceReportView(StaffPageMixin, TemplateView):
    required_permission = "participation.view_attendance"
    template_name = "participation/admin/compliance_report.html"
    page_title = gettext_lazy("Meetings: notice, minutes and feedback")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        body_id = parse_id(self.request.GET.get("body"))
        body = Body.objects.filter(pk=body_id).first() if body_id else None
        meetings = (
            MeetingPage.objects.filter(body=body) if body else MeetingPage.objects.all()
        )
        results = list(feedback_results(meetings))
        for row in results:
            row["bars"] = [(name, row[name]) for name in FEEDBACK_SCORES]
        return super().get_context_data(
            rows=compliance_by_body(),
            bodies=Body.objects.all(),
            chosen_body=body,
            feedback=results,
            score_names=FEEDBACK_SCORES,
            recent=MeetingPage.objects.live()
            .filter(start__lte=timezone.now())
            .select_related("body")
            .order_by("-start")[:20],
            **kwargs,
        )


class AttendanceForm(forms.Form):
    """One row per reply: attendance and whether their needs were arranged."""

    def __init__(self, *args, rsvps, **kwargs):
        super().__init__(*args, **kwargs)
        self.rsvps = rsvps
        for rsvp in rsvps:
            self.fields[f"status_{rsvp.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(name)s") % {"name": rsvp.person},
                choices=[("", _("Not recorded")), *Attendance.Status.choices],
                required=False,
            )
            self.fields[f"met_{rsvp.pk}"] = forms.BooleanField(
                label=_("Needs arranged for %(name)s") % {"name": rsvp.person},
                required=False,
                initial=rsvp.needs_met,
            )


class AttendeesView(StaffPageMixin, FormView):
    required_permission = "participation.add_attendance"
    template_name = "participation/admin/attendees.html"
    page_title = gettext_lazy("Attendees")
    header_icon = "group"

    @cached_property
    def meeting(self):
        return get_object_or_404(MeetingPage, pk=self.kwargs["pk"])

    @cached_property
    def rsvps(self):
        return list(attendee_list(self.meeting))

    def get_form(self, form_class=None):
        recorded = dict(
            Attendance.objects.filter(meeting=self.meeting).values_list(
                "person_id", "status"
            )
        )
        initial = {f"status_{r.pk}": recorded.get(r.person_id, "") for r in self.rsvps}
        return AttendanceForm(
            self.request.POST or None, rsvps=self.rsvps, initial=initial
        )

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        rows = [
            {"rsvp": r, "status": form[f"status_{r.pk}"], "met": form[f"met_{r.pk}"]}
            for r in self.rsvps
        ]
        return super().get_context_data(
            meeting=self.meeting,
            rows=rows,
            confirmed=sum(
                1
                for r in self.rsvps
                if r.response == Rsvp.Response.ATTENDING
                and r.place == Rsvp.Place.CONFIRMED
            ),
            **kwargs,
        )

    def form_valid(self, form):
        for rsvp in self.rsvps:
            status = form.cleaned_data[f"status_{rsvp.pk}"]
            if status:
                attendance_record(
                    meeting=self.meeting,
                    person=rsvp.person,
                    status=status,
                    actor=self.request.user,
                )
            met = form.cleaned_data[f"met_{rsvp.pk}"]
            if met != rsvp.needs_met:
                rsvp_needs_met(rsvp=rsvp, actor=self.request.user, met=met)
        messages.success(self.request, _("Attendance saved."))
        return redirect("meeting_attendees", self.meeting.pk)
