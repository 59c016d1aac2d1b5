"""Back-office screens: sessions waiting for attendance, recording who came to
a session, a person's certificate, and the skills audit summary."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from portal.core.dates import london_today
from portal.core.decisions import QueueScreenMixin, add_service_errors
from portal.core.involvement import financial_year, financial_year_label
from portal.core.notifications import recipient_language
from portal.core.params import parse_int
from portal.core.permissions import StaffPageMixin

from .forms import AttendanceForm
from .models import RECORD_PERM, Session, SignUp
from .selectors import audit_years, needing_attendance, skills_summary
from .services import attendance_record
from .views import certificate_response

REPORT_PERM = "training.report_skillsaudit"


class AttendanceWaitingView(StaffPageMixin, TemplateView):
    """Sessions that have started where someone's attendance is not recorded."""

    required_permission = RECORD_PERM
    template_name = "training/admin/waiting.html"
    page_title = gettext_lazy("Training attendance to record")
    header_icon = "time"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.admin_page(needing_attendance()), **kwargs
        )


class AttendanceView(QueueScreenMixin, FormView):
    """Record, for each person with a place, whether they attended."""

    required_permission = RECORD_PERM
    template_name = "training/admin/attendance.html"
    form_class = AttendanceForm
    header_icon = "tick"
    queue_url_name = "training_attendance_waiting"
    queue_label = gettext_lazy("Training attendance to record")

    @cached_property
    def session(self):
        return get_object_or_404(
            Session.objects.select_related("course"), pk=self.kwargs["pk"]
        )

    @cached_property
    def sign_ups(self):
        return list(
            SignUp.objects.filter(session=self.session)
            .exclude(status__in=[SignUp.Status.CANCELLED, SignUp.Status.WAITING])
            .select_related("person")
            .order_by("person__last_name", "person__first_name", "pk")
        )

    def get_page_title(self):
        return _("Attendance: %(session)s") % {"session": self.session}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sign_ups": self.sign_ups}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            session=self.session, sign_ups=self.sign_ups, **kwargs
        )
        form = context["form"]
        context["rows"] = [(form[f"sign_up_{s.pk}"], s) for s in self.sign_ups]
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():  # all or nothing
                for sign_up, attended in form.decisions():
                    attendance_record(
                        sign_up=sign_up, actor=self.request.user, attended=attended
                    )
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this."))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Attendance recorded."))
        return redirect("training_attendance_waiting")


class StaffCertificateView(StaffPageMixin, TemplateView):
    """Staff download a person's certificate for a course (the same PDF), in
    the language the person asked us to write to them in."""

    required_permission = RECORD_PERM

    def get(self, request, *args, **kwargs):
        person = get_object_or_404(
            get_user_model().objects.select_related("contact_preferences"),
            pk=kwargs["person_id"],
        )
        return certificate_response(
            request, person, kwargs["course_id"], recipient_language(person)
        )


class SkillsSummaryView(StaffPageMixin, TemplateView):
    """How many people have each skill and want training in it, for a
    financial year; counts from 1 to 4 say "fewer than 5"."""

    required_permission = REPORT_PERM
    template_name = "training/admin/skills_summary.html"
    page_title = gettext_lazy("Skills audit")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        this_year = financial_year(london_today())
        years = sorted({this_year, *audit_years()}, reverse=True)
        year = parse_int(self.request.GET.get("year"))
        if year not in years:
            year = this_year
        return super().get_context_data(
            summary=skills_summary(year),
            year=year,
            year_label=financial_year_label(year),
            years=[(y, financial_year_label(y)) for y in years],
            **kwargs,
        )
