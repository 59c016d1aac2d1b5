"""Staff compose a message to many people, see who it reaches by channel, and
confirm. Works without JavaScript: each step is a form post."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from portal.core import notifications
from portal.core.permissions import StaffPageMixin
from portal.core.services import delivery_plan

from .forms import CHANNELS, BroadcastForm
from .models import Broadcast
from .selectors import audience_people, sent_broadcasts
from .services import SEND, SEND_ESSENTIAL, broadcast_send


class ComposeView(StaffPageMixin, FormView):
    """The compose form, and below it the messages sent so far (newest first, a
    page at a time: `?p=`)."""

    required_permission = SEND
    history_per_page = 20
    form_class = BroadcastForm
    template_name = "broadcasts/compose.html"
    page_title = gettext_lazy("Send a message to many people")
    header_icon = "mail"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["may_send_essential"] = self.request.user.has_perm(SEND_ESSENTIAL)
        if self.request.method == "GET":
            kwargs["initial"] = {"channels": ["email", "sms", "post", "phone"]}
        return kwargs

    def get_context_data(self, **kwargs):
        if not kwargs.get("preview"):
            history = self.admin_page(sent_broadcasts(), self.history_per_page)
            kwargs.setdefault("sent", history["page_obj"])
            kwargs.setdefault("elided_page_range", history["elided_page_range"])
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        step = self.request.POST.get("step")
        if step == "send":
            return self._send(form)
        if step == "edit":
            return self.render_to_response(self.get_context_data(form=form))
        return self._preview(form)

    def _preview(self, form):
        data = form.cleaned_data
        essential = data.get("essential", False)
        plan = delivery_plan(
            audience_people(audience=data["audience"], target=form.target),
            kind="broadcast",
            essential=essential,
            allowed=data["channels"],
        )
        labels = dict(CHANNELS)
        rows = [(labels[code], plan[code]) for code in data["channels"]]
        quiet = (
            None
            if essential or "sms" not in data["channels"]
            else notifications.quiet_until()
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=True,
                plan=plan,
                rows=rows,
                by_staff=plan["post"] + plan["phone"],
                quiet_until=quiet,
                target=form.target,
                audience_label=Broadcast.Audience(data["audience"]).label,
                token=uuid.uuid4(),
            )
        )

    def _send(self, form):
        try:
            token = uuid.UUID(self.request.POST.get("token", ""))
        except ValueError:
            form.add_error(None, _("Preview the message before sending it."))
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            broadcast, sent_now = broadcast_send(
                actor=self.request.user,
                token=token,
                subject=data["subject"],
                body=data["body"],
                audience=data["audience"],
                target=form.target,
                channels=data["channels"],
                essential=data.get("essential", False),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
            return self.form_invalid(form)
        if sent_now:
            messages.success(
                self.request,
                _("“%(subject)s” is being sent to %(count)s people.")
                % {"subject": broadcast.subject, "count": broadcast.recipients},
            )
        else:
            messages.warning(
                self.request,
                _("“%(subject)s” was already sent. It has not been sent again.")
                % {"subject": broadcast.subject},
            )
        return redirect("broadcasts:compose")
