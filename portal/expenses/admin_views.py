"""The approver's screen: each line with how it was worked out, the checks, and
per-line decisions; then approve (or second-approve), ask, or reject the claim."""

from decimal import Decimal, InvalidOperation

from django import forms
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
from .models import ExpenseClaim, ExpenseLine
from .selectors import claim_checks


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision on the claim"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", gettext_lazy("Approve the lines as decided above")),
            ("query", gettext_lazy("Ask the claimant a question")),
            ("reject", gettext_lazy("Do not approve the claim")),
        ],
        error_messages={"required": gettext_lazy("Choose a decision.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason, or your question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ClaimDecisionView(StaffPageMixin, FormView):
    required_permission = "expenses.approve_expenseclaim"
    form_class = ClaimDecisionForm
    template_name = "expenses/admin/decide.html"
    page_title = gettext_lazy("Decide an expenses claim")
    header_icon = "doc-full"

    @cached_property
    def claim(self):
        return get_object_or_404(
            ExpenseClaim.objects.select_related("claimant", "group", "meeting"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            claim=self.claim,
            lines=self.claim.lines.select_related("category", "receipt"),
            checks=claim_checks(self.claim),
            history=audit_trail_for(self.claim),
            line_choices=ExpenseLine.Decision.choices[1:],
            **kwargs,
        )

    def _decide_lines(self, form) -> bool:
        for line in self.claim.lines.all():
            decision = self.request.POST.get(f"line_{line.pk}", "")
            if not decision or decision == line.decision:
                continue
            amount_text = self.request.POST.get(f"amount_{line.pk}", "").strip()
            try:
                amount = Decimal(amount_text) if amount_text else None
            except InvalidOperation:
                form.add_error(None, _("Enter amounts in pounds, like 12.50."))
                return False
            services.line_decide(
                line=line,
                actor=self.request.user,
                decision=decision,
                amount=amount,
                reason=self.request.POST.get(f"reason_{line.pk}", ""),
            )
        return True

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                if not self._decide_lines(form):
                    return self.form_invalid(form)
                services.claim_approve(claim=self.claim, actor=self.request.user)
            elif data["decision"] == "query":
                services.claim_query(
                    claim=self.claim, actor=self.request.user, question=data["reason"]
                )
            else:
                services.claim_reject(
                    claim=self.claim, actor=self.request.user, reason=data["reason"]
                )
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You cannot decide this claim."))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("expense_claims:index")
