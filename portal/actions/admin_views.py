"""Back office for the actions register: audited add and edit, and the progress
screen where staff move an action along and write updates residents read."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from portal.core.fields import (
    AdminDateField,
    BoundedModelChoiceField,
    DayMonthYearAdminForm,
)
from portal.core.permissions import StaffPageMixin
from portal.core.services import audit_record

from .models import Action
from .services import action_created, action_status_change, action_update_add

EDITABLE_FIELDS = [
    "title",
    "description",
    "source",
    "complaint_theme",
    "owner",
    "owner_team",
    "due_on",
    "area",
    "estate",
    "topic",
]


class ActionCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        action_created(action=instance, actor=self.request.user)
        return instance


class ActionEditView(generic.EditView):
    def save_instance(self):
        before = Action.objects.get(pk=self.object.pk)
        instance = super().save_instance()
        changed = {
            name: [str(getattr(before, name)), str(getattr(instance, name))]
            for name in self.form.changed_data
        }
        audit_record(
            actor=self.request.user,
            action="action.edit",
            target=instance,
            reason=_("Due date moved from %(from)s to %(to)s.")
            % {"from": before.due_on, "to": instance.due_on}
            if before.due_on != instance.due_on
            else "",
            details={"changed": changed},
        )
        return instance


class ActionChooserForm(DayMonthYearAdminForm):
    """ "Add a new action" in the page editor's chooser: the register's own
    fields, with the due date day/month/year like the register's add form."""

    class Meta:
        model = Action
        fields = EDITABLE_FIELDS


class ActionChooserCreateView(chooser_views.CreateView):
    """An action added from the page editor's chooser is audited like any other."""

    def save_form(self, form):
        action = form.save()
        action_created(action=action, actor=self.request.user)
        return action


class StatusForm(forms.Form):
    """The moves legal from the status shown (from `Action.lifecycle`). The status
    shown goes back with the form, so a person working from a page another member
    of staff has since moved on is told it has moved."""

    to_status = forms.ChoiceField(label=gettext_lazy("New status"))
    seen_status = forms.ChoiceField(
        choices=Action.Status.choices, required=False, widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason residents can read"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when it is not going ahead."),
    )
    done_on = AdminDateField(
        label=gettext_lazy("Done on"),
        required=False,
    )
    evidence = forms.CharField(
        label=gettext_lazy("Evidence it was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Add photos or documents as a progress update below; residents see "
            "them with the action."
        ),
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_status"].initial = action.status
        seen = self.data.get("seen_status") if self.is_bound else action.status
        if seen not in Action.Status.values:
            seen = action.status
        self.fields["to_status"].choices = [
            (status, Action.Status(status).label)
            for status in Action(status=seen).next_statuses()
        ]


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("What has happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    written_on = AdminDateField(
        label=gettext_lazy("Date"),
        required=False,
    )
    photo = BoundedModelChoiceField(
        label=gettext_lazy("Photo (optional)"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser,
        help_text=gettext_lazy("Residents see it with the update, e.g. the work done."),
    )
    document = BoundedModelChoiceField(
        label=gettext_lazy("Document (optional)"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=AdminDocumentChooser,
        help_text=gettext_lazy("Residents can open it, e.g. a sign-off report."),
    )


class ActionProgressView(StaffPageMixin, TemplateView):
    required_permission = "actions.change_action"
    template_name = "actions/admin/progress.html"
    page_title = gettext_lazy("Action progress")
    header_icon = "tasks"

    @cached_property
    def action(self):
        return get_object_or_404(
            Action.objects.select_related(
                "owner", "meeting", "consultation", "area", "estate", "topic"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("status_form", StatusForm(action=self.action))
        kwargs.setdefault("update_form", UpdateForm())
        return super().get_context_data(
            action=self.action,
            media=kwargs["status_form"].media + kwargs["update_form"].media,
            updates=self.action.updates.select_related("by"),
            overdue=self.action.is_overdue(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "to_status" in request.POST:
            form = StatusForm(request.POST, action=self.action)
            context_key = "status_form"
        else:
            form = UpdateForm(request.POST)
            context_key = "update_form"
        if form.is_valid():
            try:
                if context_key == "status_form":
                    action_status_change(
                        action=self.action,
                        actor=request.user,
                        to_status=form.cleaned_data["to_status"],
                        reason=form.cleaned_data["reason"],
                        done_on=form.cleaned_data["done_on"],
                        evidence=form.cleaned_data["evidence"],
                        seen_status=form.cleaned_data["seen_status"],
                    )
                    messages.success(request, _("Status changed."))
                else:
                    action_update_add(
                        action=self.action,
                        actor=request.user,
                        text=form.cleaned_data["text"],
                        written_on=form.cleaned_data["written_on"],
                        photo=form.cleaned_data["photo"],
                        document=form.cleaned_data["document"],
                    )
                    messages.success(request, _("Progress update added."))
            except ValidationError as error:
                seen = form.cleaned_data.get("seen_status")
                if context_key == "status_form" and seen and seen != self.action.status:
                    # Moved by someone else since the page was shown: say so, and
                    # offer the moves legal from where it is now.
                    for message in error.messages:
                        messages.error(request, message)
                    form = StatusForm(action=self.action)
                else:
                    by_field = (
                        error.message_dict
                        if hasattr(error, "error_dict")
                        else {None: error.messages}
                    )
                    for field, errors in by_field.items():
                        form.add_error(field if field in form.fields else None, errors)
            else:
                return redirect("actions_register:progress", self.action.pk)
        return self.render_to_response(self.get_context_data(**{context_key: form}))
