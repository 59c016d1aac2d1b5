from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from portal.core.decisions import DecisionView
from portal.core.permissions import StaffPageMixin
from portal.core.selectors import audit_trail_for

from . import equality
from .forms import AssistedRegistrationForm, DecisionForm
from .models import EqualityMonitoring, ResidentProfile
from .selectors import equality_totals
from .services import resident_assisted_register, resident_profile_decide


class ResidentDecisionView(DecisionView):
    """An officer checks a resident's claimed home and decides, with a reason."""

    required_permission = "accounts.verify_residentprofile"
    form_class = DecisionForm
    template_name = "accounts/admin/resident_decision.html"
    page_title = gettext_lazy("Check a resident’s home")
    header_icon = "user"

    @cached_property
    def profile(self):
        return get_object_or_404(
            ResidentProfile.objects.select_related(
                "user", "home__estate", "decided_by", "evidence"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=self.profile, history=audit_trail_for(self.profile), **kwargs
        )

    def form_valid(self, form):
        ok = self.run_service(
            form,
            lambda: resident_profile_decide(
                profile=self.profile,
                officer=self.request.user,
                verified=form.cleaned_data["decision"] == "verify",
                reason=form.cleaned_data["reason"],
            ),
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Decision recorded for %(resident)s.") % {"resident": self.profile.user},
        )
        return redirect("resident_profiles:index")


class EqualityReportView(StaffPageMixin, TemplateView):
    """Equality monitoring in aggregate only, with small numbers withheld."""

    required_permission = "accounts.report_equalitymonitoring"
    template_name = "accounts/admin/equality_report.html"
    page_title = gettext_lazy("Equality monitoring")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            report=equality_totals(),
            respondents=EqualityMonitoring.objects.count(),
            small_number=equality.SMALL_NUMBER,
            **kwargs,
        )


class AssistedRegistrationView(StaffPageMixin, FormView):
    """Set up a resident on their behalf after a phone call or paper form."""

    required_permission = "accounts.verify_residentprofile"
    form_class = AssistedRegistrationForm
    template_name = "accounts/admin/assisted_registration.html"
    page_title = gettext_lazy("Set up a resident")
    header_icon = "user"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            profile = resident_assisted_register(
                officer=self.request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                phone=data["phone"],
                home=data["home"],
                tenancy_reference=data["tenancy_reference"],
                channel=data["channel"],
                checked=data["checked"],
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(resident)s is set up (%(status)s).")
            % {"resident": profile.user, "status": profile.get_status_display()},
        )
        return redirect("resident_profiles:index")
