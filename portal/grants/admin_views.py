"""The decision screen: the application, the re-checked eligibility, the budget
left this year and the history; approve (in full or part), ask, or reject."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from portal.core.permissions import StaffPageMixin
from portal.core.selectors import audit_trail_for
from portal.groups.views import add_service_errors

from . import services
from .eligibility import verdicts
from .forms import DecisionForm
from .models import GrantApplication


class GrantDecisionView(StaffPageMixin, FormView):
    required_permission = "grants.decide_grant"
    form_class = DecisionForm
    template_name = "grants/admin/decide.html"
    page_title = gettext_lazy("Decide a grant")
    header_icon = "tick-inverse"

    @cached_property
    def application(self):
        return get_object_or_404(
            GrantApplication.objects.select_related("scheme", "group", "applicant"),
            pk=self.kwargs["pk"],
        )

    def get_initial(self):
        return {"amount": self.application.amount_requested}

    def get_context_data(self, **kwargs):
        a = self.application
        return super().get_context_data(
            application=a,
            verdict=verdicts(user=a.applicant, group=a.group, schemes=[a.scheme])[0],
            ledger=services.ledger(a.scheme, a.year) if a.year else None,
            history=audit_trail_for(a),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.application_approve(
                    application=self.application,
                    actor=self.request.user,
                    amount=data["amount"] or self.application.amount_requested,
                    reason=data["reason"],
                    override_reason=data["override_reason"],
                )
            elif data["decision"] == "ask":
                services.application_ask(
                    application=self.application,
                    actor=self.request.user,
                    question=data["reason"],
                )
            else:
                services.application_reject(
                    application=self.application,
                    actor=self.request.user,
                    reason=data["reason"],
                )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("grant_applications:index")
