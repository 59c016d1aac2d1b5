"""One shape for every staff decision screen.

`DecisionForm`: a decision (radio buttons) and a reason, the reason required for
the decisions the rule names. `DecisionView`: a back-office page behind one
permission, with breadcrumbs back to its queue, whose service's refusals
(`ValidationError`, `PermissionDenied`) appear on the form, next to the field
they name or in the error summary, never as a 500.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from .permissions import StaffPageMixin


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError next to its field, or in the summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class DecisionForm(forms.Form):
    """Subclasses set `decision_choices`, the messages and `reason_required_for`
    (the decisions that need a reason, e.g. {"reject"})."""

    decision_choices: list[tuple[str, str]] = []
    decision_required_message = _("Choose a decision.")
    reason_label = _("Reason")
    reason_required_for: frozenset[str] = frozenset()
    reason_required_message = _("Give the reason for this decision.")
    reason_max_length = 2000

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.choices = self.decision_choices
        decision.error_messages["required"] = self.decision_required_message
        reason = self.fields["reason"]
        reason.label = self.reason_label
        reason.max_length = self.reason_max_length
        reason.validators.append(MaxLengthValidator(self.reason_max_length))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in self.reason_required_for
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", self.reason_required_message)
        return cleaned


class QueueScreenMixin(StaffPageMixin):
    """A screen opened from a back-office queue: a real title and breadcrumbs
    Home › the queue › this screen. `WorkQueueViewSet` fills in `queue_url_name`
    and `queue_label` for its work view."""

    queue_url_name = ""
    queue_label = ""

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
        if self.queue_url_name:
            items.append(
                {"url": reverse(self.queue_url_name), "label": self.queue_label}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


class DecisionView(QueueScreenMixin, FormView):
    """A staff form whose service may refuse: its reasons appear on the form."""

    # Said when the service refuses the person without saying why.
    permission_denied_message = _("You may not do this.")

    def run_service(self, form, call) -> bool:
        try:
            call()
        except PermissionDenied as error:
            form.add_error(None, str(error) or self.permission_denied_message)
        except ValidationError as error:
            add_service_errors(form, error)
        return not form.errors
