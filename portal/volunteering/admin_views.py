"""Back-office screens: confirm hours, vouchers due and issuing one, and a
person's involvement record."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from portal.core.decisions import DecisionView, QueueScreenMixin
from portal.core.involvement import (
    by_year,
    financial_year_label,
    involvement_for,
    linked,
)
from portal.core.params import parse_int
from portal.core.permissions import StaffPageMixin
from portal.core.selectors import audit_trail_for

from . import services
from .forms import FindPersonForm, HoursDecisionForm, IssueVoucherForm
from .models import LoggedHours, ThankYouRule
from .selectors import vouchers_due

RECORD_PERM = "volunteering.view_involvement_record"


class HoursDecisionView(DecisionView):
    """Confirm or refuse hours a resident logged (never one's own)."""

    required_permission = "volunteering.confirm_loggedhours"
    form_class = HoursDecisionForm
    template_name = "volunteering/admin/decide_hours.html"
    page_title = gettext_lazy("Confirm volunteer hours")
    header_icon = "time"

    @cached_property
    def logged(self):
        return get_object_or_404(
            LoggedHours.objects.select_related("person", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            logged=self.logged, history=audit_trail_for(self.logged), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        ok = self.run_service(
            form,
            lambda: services.hours_decide(
                logged=self.logged,
                actor=self.request.user,
                confirm=data["decision"] == "confirm",
                reason=data["reason"],
            ),
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect(self.queue_url_name or "volunteer_hours:index")


class VouchersDueView(StaffPageMixin, TemplateView):
    """Thank-you vouchers people have earned this financial year and not yet
    been given, each with a link to issue it."""

    required_permission = services.ISSUE_PERM
    template_name = "volunteering/admin/vouchers_due.html"
    page_title = gettext_lazy("Thank-you vouchers due")
    header_icon = "gift"

    def get_context_data(self, **kwargs):
        this_year = services.current_year()
        year = parse_int(self.request.GET.get("year")) or this_year
        if not (2000 <= year <= this_year):
            year = this_year
        return super().get_context_data(
            due=vouchers_due(year),
            year=year,
            year_label=financial_year_label(year),
            years=[
                (y, financial_year_label(y))
                for y in range(this_year, this_year - 4, -1)
            ],
            **kwargs,
        )


class IssueVoucherView(QueueScreenMixin, FormView):
    """Record the voucher sent to a person (once; never to oneself)."""

    required_permission = services.ISSUE_PERM
    form_class = IssueVoucherForm
    template_name = "volunteering/admin/issue_voucher.html"
    page_title = gettext_lazy("Issue a thank-you voucher")
    header_icon = "gift"
    queue_url_name = "volunteering_vouchers_due"
    queue_label = gettext_lazy("Thank-you vouchers due")

    def dispatch(self, request, *args, **kwargs):
        # Only a year that has begun: no voucher is issued for a future year.
        if not 2000 <= kwargs["year"] <= services.current_year():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def person(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["person_id"])

    @cached_property
    def rule(self):
        return get_object_or_404(ThankYouRule, pk=self.kwargs["rule_id"])

    def get_context_data(self, **kwargs):
        year = self.kwargs["year"]
        return super().get_context_data(
            person=self.person,
            rule=self.rule,
            year_label=financial_year_label(year),
            record_url=reverse("volunteering_record", args=[self.person.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        from django.core.exceptions import PermissionDenied, ValidationError

        from portal.core.decisions import add_service_errors

        try:
            services.voucher_issue(
                person=self.person,
                rule=self.rule,
                year=self.kwargs["year"],
                reference=form.cleaned_data["reference"],
                actor=self.request.user,
            )
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this."))
            return self.form_invalid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Voucher recorded."))
        return redirect("volunteering_vouchers_due")


class FindRecordView(StaffPageMixin, TemplateView):
    """Find a person to see their involvement record."""

    required_permission = RECORD_PERM
    template_name = "volunteering/admin/find_record.html"
    page_title = gettext_lazy("Involvement records")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        form = FindPersonForm(self.request.GET or None)
        people = []
        if form.is_valid():
            q = form.cleaned_data["q"].strip()
            people = list(
                get_user_model()
                .objects.filter(
                    Q(email__icontains=q)
                    | Q(first_name__icontains=q)
                    | Q(last_name__icontains=q)
                )
                .filter(is_active=True)
                .order_by("last_name", "first_name", "email")[:50]
            )
        return super().get_context_data(form=form, people=people, **kwargs)


class InvolvementRecordView(StaffPageMixin, TemplateView):
    """One person's involvement record, as they see it at /portal/involvement/."""

    required_permission = RECORD_PERM
    template_name = "volunteering/admin/record.html"
    header_icon = "user"

    @cached_property
    def person(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["person_id"])

    def get_page_title(self):
        return _("Involvement record: %(name)s") % {
            "name": self.person.get_full_name() or self.person.email
        }

    def get_context_data(self, **kwargs):
        years = by_year(involvement_for(self.person))
        for year in years:
            year.rows = linked(year.items, self.request, portal_links=False)
        return super().get_context_data(person=self.person, years=years, **kwargs)
