"""The decision screen: the application, its files, the re-checked eligibility,
the conditions, the panel's declarations and scores, the budget left this year and
the history; approve (in full or part), ask, or reject. And each panel scheme's
summary of every member's scores."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.decisions import DecisionView
from portal.core.permissions import StaffPageMixin
from portal.core.selectors import audit_trail_for

from . import services
from .eligibility import verdicts
from .forms import GrantDecisionForm
from .models import GrantApplication, GrantScheme
from .selectors import PANEL_STATES, conditions_progress, panel_summaries


class GrantDecisionView(DecisionView):
    required_permission = "grants.decide_grant"
    form_class = GrantDecisionForm
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
            verdict=verdicts(
                user=a.applicant, group=a.group, schemes=[a.scheme], exclude=a
            )[0],
            ledger=services.ledger(a.scheme, a.year) if a.year else None,
            history=audit_trail_for(a),
            files=a.files.select_related("file"),
            conditions=conditions_progress(a),
            summary=panel_summaries([a])[a.pk] if a.scheme.panel_scoring else None,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        application, actor = self.application, self.request.user

        def decide():
            if data["decision"] == "approve":
                services.application_approve(
                    application=application,
                    actor=actor,
                    amount=data["amount"] or application.amount_requested,
                    reason=data["reason"],
                    override_reason=data["override_reason"],
                )
            elif data["decision"] == "ask":
                services.application_ask(
                    application=application, actor=actor, question=data["reason"]
                )
            else:
                services.application_reject(
                    application=application, actor=actor, reason=data["reason"]
                )

        if not self.run_service(form, decide):
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("grant_applications:index")


class GrantPanelView(StaffPageMixin, TemplateView):
    """Every sent application of a panel scheme with each member's declaration
    and scores and the average: a fixed number of queries however many."""

    required_permission = "grants.view_grantapplication"
    template_name = "grants/admin/panel.html"
    page_title = gettext_lazy("Grant panel scores")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        scheme = get_object_or_404(
            GrantScheme, pk=self.kwargs["pk"], panel_scoring=True
        )
        applications = list(
            scheme.applications.filter(status__in=PANEL_STATES)
            .select_related("group", "applicant")
            .order_by("-submitted_at", "-pk")
        )
        summaries = panel_summaries(applications)
        return super().get_context_data(
            scheme=scheme,
            members=[
                m.get_full_name() or m.email
                for m in scheme.panel_members.order_by("last_name", "first_name")
            ],
            rows=[{"application": a, "summary": summaries[a.pk]} for a in applications],
            **kwargs,
        )
