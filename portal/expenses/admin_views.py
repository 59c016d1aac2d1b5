"""The approver's screen: each line with how it was worked out, the checks, and
per-line decisions; then approve (or second-approve), ask, or reject the claim."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.decisions import DecisionForm, DecisionView
from portal.core.permissions import StaffPageMixin
from portal.core.selectors import audit_trail_for

from . import services
from .models import ExpenseClaim, ExpenseLine, PreApproval
from .selectors import claim_checks, claim_is_late, plausibility_checks


class ClaimDecisionForm(DecisionForm):
    """Approve the lines as decided, ask, or reject. The services say which need
    a reason (a question, why not approved), in their own words."""

    decision_choices = [
        ("approve", gettext_lazy("Approve the lines as decided above")),
        ("query", gettext_lazy("Ask the claimant a question")),
        ("reject", gettext_lazy("Do not approve the claim")),
    ]
    reason_label = gettext_lazy("Reason, or your question")

    late_override = forms.CharField(
        label=gettext_lazy("This claim is late: why approve it anyway?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClaimDecisionView(DecisionView):
    required_permission = "expenses.approve_expenseclaim"
    form_class = ClaimDecisionForm
    permission_denied_message = gettext_lazy("You cannot decide this claim.")
    template_name = "expenses/admin/decide.html"
    page_title = gettext_lazy("Decide an expenses claim")
    header_icon = "doc-full"

    @cached_property
    def claim(self):
        return get_object_or_404(
            ExpenseClaim.objects.select_related("claimant", "group", "meeting"),
            pk=self.kwargs["pk"],
        )

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not claim_is_late(self.claim) or self.claim.late_override_reason:
            del form.fields["late_override"]
        return form

    def get_context_data(self, **kwargs):
        lines = list(
            self.claim.lines.select_related("category", "receipt", "pre_approval")
        )
        plausibility = plausibility_checks(self.claim, lines)
        for line in lines:
            line.plausibility = [c.reason for c in plausibility if c.line_id == line.pk]
        return super().get_context_data(
            claim=self.claim,
            lines=lines,
            checks=claim_checks(self.claim)
            + [c.reason for c in plausibility if c.line_id is None],
            history=audit_trail_for(self.claim),
            line_choices=ExpenseLine.Decision.choices[1:],
            **kwargs,
        )

    def _decide_lines(self) -> None:
        for line in self.claim.lines.all():
            decision = self.request.POST.get(f"line_{line.pk}", "")
            if not decision or decision == line.decision:
                continue
            amount_text = self.request.POST.get(f"amount_{line.pk}", "").strip()
            miles_text = self.request.POST.get(f"miles_{line.pk}", "").strip()
            try:
                amount = Decimal(amount_text) if amount_text else None
            except InvalidOperation:
                raise ValidationError(
                    _("Enter amounts in pounds, like 12.50.")
                ) from None
            if miles_text and not miles_text.replace(",", "").isdigit():
                raise ValidationError(_("Enter the miles allowed as a whole number."))
            services.line_decide(
                line=line,
                actor=self.request.user,
                decision=decision,
                amount=amount,
                miles=int(miles_text.replace(",", "")) if miles_text else None,
                reason=self.request.POST.get(f"reason_{line.pk}", ""),
            )

    def form_valid(self, form):
        data = form.cleaned_data
        if self.claim.status == ExpenseClaim.Status.WITHDRAWN:
            # Nothing to decide; the services would refuse each step anyway.
            form.add_error(
                None,
                _(
                    "The claimant withdrew claim %(ref)s, so it cannot be changed "
                    "or decided now."
                )
                % {"ref": self.claim.reference},
            )
            return self.form_invalid(form)

        @transaction.atomic  # line decisions are kept only if the claim's is
        def decide():
            if data["decision"] == "approve":
                self._decide_lines()
                services.claim_approve(
                    claim=self.claim,
                    actor=self.request.user,
                    late_override=data.get("late_override", ""),
                )
            elif data["decision"] == "query":
                services.claim_query(
                    claim=self.claim, actor=self.request.user, question=data["reason"]
                )
            else:
                services.claim_reject(
                    claim=self.claim, actor=self.request.user, reason=data["reason"]
                )

        if not self.run_service(form, decide):
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("expense_claims:index")


class PreApprovalDecisionForm(DecisionForm):
    decision_choices = [
        ("approve", gettext_lazy("Approve: they may spend up to the estimate")),
        ("refuse", gettext_lazy("Refuse")),
    ]
    reason_label = gettext_lazy("Reason (the resident sees it; needed to refuse)")


class PreApprovalDecisionView(DecisionView):
    """Approve or refuse a resident's request to spend (never one's own)."""

    required_permission = "expenses.decide_preapproval"
    form_class = PreApprovalDecisionForm
    template_name = "expenses/admin/decide_pre_approval.html"
    page_title = gettext_lazy("Decide a pre-approval")
    header_icon = "tick"
    permission_denied_message = gettext_lazy("You cannot decide this request.")

    @cached_property
    def pre_approval(self):
        return get_object_or_404(
            PreApproval.objects.select_related("claimant", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pre_approval=self.pre_approval,
            history=audit_trail_for(self.pre_approval),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        decided = self.run_service(
            form,
            lambda: services.pre_approval_decide(
                pre_approval=self.pre_approval,
                actor=self.request.user,
                approve=data["decision"] == "approve",
                reason=data["reason"],
            ),
        )
        if not decided:
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("expense_pre_approvals:index")


class ExpensesReportView(StaffPageMixin, TemplateView):
    """Spend against the involvement budget this tax year: by category and month,
    by body and by area, and each claimant's miles (for the 10,000-mile band)."""

    required_permission = "expenses.view_expenseclaim"
    template_name = "expenses/admin/report.html"
    page_title = gettext_lazy("Expenses: spend and mileage")
    header_icon = "doc-full"

    def get_context_data(self, **kwargs):
        from django.conf import settings

        from portal.core.dates import london_today

        from .calculator import tax_year_end, tax_year_start
        from .selectors import spend_by, spend_by_category_and_month, tax_year_mileage

        today = london_today()
        start, end = tax_year_start(today), tax_year_end(today)
        by_category = spend_by("category__name", start=start, end=end)
        total = sum((row["total"] for row in by_category), Decimal("0"))
        budget = Decimal(settings.INVOLVE_EXPENSES_BUDGET)
        for rows in [by_category]:
            for row in rows:
                row["percent"] = int(100 * row["total"] / total) if total else 0
        return super().get_context_data(
            start=start,
            end=end,
            total=total,
            budget=budget,
            used_percent=int(100 * total / budget) if budget else 0,
            by_category=by_category,
            by_month=spend_by_category_and_month(start=start, end=end),
            by_body=spend_by("claim__meeting__body__name", start=start, end=end),
            by_area=spend_by("claim__meeting__area__name", start=start, end=end),
            mileage=tax_year_mileage(day=today),
            **kwargs,
        )
