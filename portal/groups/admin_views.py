"""Back-office pages: decide recognition and name a group's first officer."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.decisions import DecisionView
from portal.core.selectors import audit_trail_for

from .forms import FirstOfficerForm, RecognitionDecisionForm
from .hooks import evidence_summary
from .models import Group, RecognitionApplication, RecognitionRules
from .selectors import (
    Status,
    activity_progress,
    current_documents,
    group_status,
    recognition_checklist,
)
from .services import officer_add, recognition_decide


class RecognitionDecisionView(DecisionView):
    required_permission = "groups.decide_recognition"
    form_class = RecognitionDecisionForm
    template_name = "groups/admin/recognition_decision.html"
    page_title = gettext_lazy("Decide recognition")
    header_icon = "group"

    @cached_property
    def application(self):
        return get_object_or_404(
            RecognitionApplication.objects.select_related("group", "applied_by"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        group = self.application.group
        rules = RecognitionRules.load()
        return super().get_context_data(
            application=self.application,
            group=group,
            status_label=Status.LABELS[group_status(group, rules=rules)],
            checklist=recognition_checklist(group, rules=rules),
            evidence=evidence_summary(group, rules=rules),
            progress=activity_progress(group, rules=rules).values(),
            documents=current_documents(group).values(),
            officers=group.officers.select_related("user"),
            history=audit_trail_for(group),
            **kwargs,
        )

    def form_valid(self, form):
        ok = self.run_service(
            form,
            lambda: recognition_decide(
                application=self.application,
                officer=self.request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            ),
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Decision recorded for %(group)s.") % {"group": self.application.group},
        )
        return redirect("recognition_applications:index")


class FirstOfficerView(DecisionView):
    required_permission = "groups.change_group"
    form_class = FirstOfficerForm
    template_name = "groups/admin/first_officer.html"
    page_title = gettext_lazy("Add an officer")
    header_icon = "group"

    @cached_property
    def group(self):
        return get_object_or_404(Group, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            group=self.group,
            officers=self.group.officers.select_related("user"),
            **kwargs,
        )

    def form_valid(self, form):
        ok = self.run_service(
            form,
            lambda: officer_add(
                group=self.group,
                actor=self.request.user,
                user=form.user,
                role=form.cleaned_data["role"],
                elected_on=form.cleaned_data["elected_on"],
            ),
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(self.request, _("Officer added."))
        return redirect("resident_groups:edit", self.group.pk)
