"""Back office: staff check a typed paper row against the scanned sheet."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.decisions import DecisionView
from portal.core.selectors import audit_trail_for

from .forms import CheckRowForm
from .models import Signature
from .services import signature_check


class SignatureCheckView(DecisionView):
    required_permission = "evidence.check_signature"
    form_class = CheckRowForm
    template_name = "evidence/admin/signature_check.html"
    page_title = gettext_lazy("Check a sign-up row")
    header_icon = "doc-full"

    @cached_property
    def signature(self):
        return get_object_or_404(
            Signature.objects.select_related(
                "group", "home", "sheet__scan", "entered_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signature=self.signature,
            history=audit_trail_for(self.signature),
            **kwargs,
        )

    def form_valid(self, form):
        ok = self.run_service(
            form,
            lambda: signature_check(
                signature=self.signature,
                officer=self.request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            ),
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(self.request, _("Row checked."))
        next_row = (
            Signature.objects.filter(
                sheet_id=self.signature.sheet_id, status=Signature.Status.PENDING
            )
            .order_by("pk")
            .first()
        )
        if next_row:
            return redirect("signatures:check", next_row.pk)
        return redirect("signatures:index")
