"""The landlord's response to one recommendation (audited, once)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.fields import AdminDateField
from portal.core.permissions import StaffPageMixin

from .models import Recommendation
from .services import recommendation_respond


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=gettext_lazy("Response"),
        choices=Recommendation.Response.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reasons residents will read"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    action_title = forms.CharField(
        label=gettext_lazy("The action (if accepted)"), required=False, max_length=200
    )
    due_on = AdminDateField(
        label=gettext_lazy("Done by"),
        required=False,
    )
    owner_team = forms.CharField(
        label=gettext_lazy("Team"), required=False, max_length=120
    )


class RespondView(StaffPageMixin, TemplateView):
    required_permission = "actions.change_action"
    template_name = "scrutiny/admin/respond.html"
    page_title = gettext_lazy("Respond to a recommendation")
    header_icon = "tasks"

    @cached_property
    def recommendation(self):
        return get_object_or_404(
            Recommendation.objects.select_related("review", "action"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ResponseForm())
        return super().get_context_data(
            recommendation=self.recommendation, media=kwargs["form"].media, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = ResponseForm(request.POST)
        if form.is_valid():
            try:
                recommendation_respond(
                    recommendation=self.recommendation,
                    actor=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _("Response recorded."))
                return redirect("scrutiny_recommendations:index")
        return self.render_to_response(self.get_context_data(form=form))
