"""Finance back office: make a run, download its file, settle each payment; pay
someone another way; check bank details."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from portal.core.decisions import DecisionForm, DecisionView
from portal.core.money import format_money
from portal.core.params import parse_id
from portal.core.permissions import RequirePermissionMixin, StaffPageMixin
from portal.core.selectors import audit_trail_for

from . import services
from .models import BankDetails, Payment, PaymentRun
from .selectors import current_details_by_payee, payment_ready


def _refused(request, error) -> None:
    text = error.messages[0] if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


class DuePaymentsView(StaffPageMixin, TemplateView):
    """What is owed, and for each bank payment whether it can go in a run."""

    required_permission = "payments.view_payment"
    template_name = "payments/admin/due.html"
    page_title = gettext_lazy("Payments due")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        due = list(
            Payment.objects.filter(status=Payment.Status.DUE)
            .select_related("payee_user", "payee_group")
            .order_by("created_at")[:200]
        )
        details = current_details_by_payee(due)
        rows = [{"payment": p, "ready": payment_ready(p, details)} for p in due]
        return super().get_context_data(
            rows=rows, runs=PaymentRun.objects.all()[:20], **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            run = services.payment_run_create(actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
            return redirect("payments_due")
        messages.success(
            request,
            _("Payment run %(run)s made: %(count)d payments, %(total)s.")
            % {
                "run": run.reference,
                "count": run.count,
                "total": format_money(run.total),
            },
        )
        return redirect("payment_run", run.pk)


class SettleForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Result"),
        choices=[("paid", gettext_lazy("Paid")), ("failed", gettext_lazy("Failed"))],
    )
    reason = forms.CharField(
        label=gettext_lazy("Why it failed"), required=False, widget=forms.TextInput
    )


class PaymentRunView(StaffPageMixin, TemplateView):
    required_permission = "payments.view_paymentrun"
    template_name = "payments/admin/run.html"
    page_title = gettext_lazy("Payment run")
    header_icon = "tasks"

    @cached_property
    def run(self):
        return get_object_or_404(PaymentRun, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            run=self.run,
            payments=self.run.payments.select_related("payee_user", "payee_group"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        payment = get_object_or_404(
            self.run.payments, pk=parse_id(request.POST.get("payment"))
        )
        form = SettleForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose paid or failed."))
            if form.cleaned_data["outcome"] == "paid":
                services.payment_mark_paid(payment=payment, actor=request.user)
            else:
                services.payment_mark_failed(
                    payment=payment,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
        except (ValidationError, PermissionDenied) as error:
            _refused(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("payment_run", self.run.pk)


class PaymentRunFileView(RequirePermissionMixin, View):
    required_permission = "payments.make_payment_run"

    def get(self, request, pk):
        run = get_object_or_404(PaymentRun, pk=pk)
        response = HttpResponse(
            services.payment_run_csv(run, actor=request.user), content_type="text/csv"
        )
        response["Content-Disposition"] = f'attachment; filename="{run.reference}.csv"'
        return response


class OtherWayForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("How it was paid"),
        choices=[
            (Payment.Method.CASH_OFFICE, Payment.Method.CASH_OFFICE.label),
            (Payment.Method.VOUCHER, Payment.Method.VOUCHER.label),
            (Payment.Method.CHEQUE, Payment.Method.CHEQUE.label),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Receipt or cheque number, who handed it over"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say how it was handed over.")},
    )


class PayOtherWayView(StaffPageMixin, FormView):
    required_permission = "payments.make_payment_run"
    form_class = OtherWayForm
    template_name = "payments/admin/other_way.html"
    page_title = gettext_lazy("Pay another way")
    header_icon = "tasks"

    @cached_property
    def payment(self):
        return get_object_or_404(Payment, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(payment=self.payment, **kwargs)

    def form_valid(self, form):
        try:
            services.payment_record_other_way(
                payment=self.payment, actor=self.request.user, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Payment recorded."))
        return redirect("payments_due")


class BankDetailsDecisionForm(DecisionForm):
    decision_choices = [
        ("verify", gettext_lazy("Checked: the account belongs to them")),
        ("reject", gettext_lazy("Not accepted")),
    ]
    reason_label = gettext_lazy("Why not accepted")
    reason_required_for = frozenset({"reject"})
    reason_required_message = gettext_lazy("Say why the bank details are not accepted.")


class BankDetailsDecisionView(DecisionView):
    required_permission = "payments.verify_bankdetails"
    form_class = BankDetailsDecisionForm
    template_name = "payments/admin/bank_details_decision.html"
    page_title = gettext_lazy("Check bank details")
    header_icon = "tasks"

    @cached_property
    def details(self):
        return get_object_or_404(
            BankDetails.objects.select_related("user", "group", "submitted_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            details=self.details, history=audit_trail_for(self.details), **kwargs
        )

    def form_valid(self, form):
        def decide():
            if form.cleaned_data["decision"] == "verify":
                services.bank_details_verify(
                    details=self.details, actor=self.request.user
                )
            else:
                services.bank_details_reject(
                    details=self.details,
                    actor=self.request.user,
                    reason=form.cleaned_data["reason"],
                )

        if not self.run_service(form, decide):
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("bank_details:index")
