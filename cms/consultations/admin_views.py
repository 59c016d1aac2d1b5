"""Back office: publish results and the outcome, moderate comments, export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.core.params import parse_id
from portal.core.permissions import RequirePermissionMixin, StaffPageMixin

from .forms import StaffResponseForm
from .models import Answer, ConsultationPage, PrizeDraw
from .prize_draw import consultation_source, prize_draw_entries, prize_draw_run
from .selectors import question_results, response_rates, submitted_responses
from .services import (
    answer_moderate,
    outcome_publish,
    response_save,
    results_publish,
)


class ConsultationListView(StaffPageMixin, TemplateView):
    required_permission = "consultations.view_response"
    template_name = "consultations/admin/list.html"
    page_title = gettext_lazy("Consultation responses")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        from django.db.models import Count, Q

        pages = ConsultationPage.objects.annotate(
            sent=Count("responses", filter=Q(responses__submitted=True))
        ).order_by("-closes_at")
        return super().get_context_data(
            **self.admin_page(pages),
            **kwargs,
        )


class ConsultationManageView(StaffPageMixin, TemplateView):
    required_permission = "consultations.view_response"
    template_name = "consultations/admin/manage.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return self.consultation.title

    def dispatch(self, request, *args, **kwargs):
        self.consultation = get_object_or_404(
            ConsultationPage.objects.specific(), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        page = self.consultation
        pending = (
            Answer.objects.filter(
                response__consultation=page,
                response__submitted=True,
                moderation=Answer.Moderation.PENDING,
            )
            .exclude(text="")
            .order_by("pk")
        )
        waiting = self.admin_page(pending)
        return super().get_context_data(
            consultation=page,
            **self.prize_draw_context(),
            sent=submitted_responses(page).count(),
            results=question_results(page, moderated_only=True),
            rates=response_rates(page),
            pending=waiting["page_obj"],
            elided_page_range=waiting["elided_page_range"],
            **kwargs,
        )

    def prize_draw_context(self) -> dict:
        """The draw once made; before it, how many people are in it."""
        page = self.consultation
        if not page.prize_draw:
            return {}
        draw = (
            PrizeDraw.objects.filter(consultation=consultation_source(page))
            .select_related("winner__respondent", "drawn_by")
            .first()
        )
        if draw is not None:
            return {"draw": draw}
        return {"draw_entries": len(prize_draw_entries(page))}

    def post(self, request, *args, **kwargs):
        page = self.consultation
        action = request.POST.get("action")
        try:
            if action == "draw":
                draw = prize_draw_run(consultation=page, actor=request.user)
                messages.success(
                    request,
                    _("The prize draw is done: %(count)s people were in it.")
                    % {"count": len(draw.eligible)},
                )
            elif action == "results":
                results_publish(consultation=page, actor=request.user)
                messages.success(request, _("The results are published."))
            elif action == "outcome":
                sent = outcome_publish(
                    consultation=page, actor=request.user, url=page.full_url or ""
                )
                messages.success(
                    request,
                    _("The outcome is published and %(n)s respondents were told.")
                    % {"n": sent},
                )
            elif action in ("approve", "reject"):
                answer = get_object_or_404(
                    Answer,
                    pk=parse_id(request.POST.get("answer")),
                    response__consultation=page,
                )
                answer_moderate(
                    answer=answer, actor=request.user, approve=action == "approve"
                )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(request.path)


class ConsultationExportView(RequirePermissionMixin, SpreadsheetExportMixin, View):
    """Every sent response as a spreadsheet (`?export=xlsx` or CSV): one row per
    response, one column per question."""

    required_permission = "consultations.export_response"
    # Formula-looking answers are kept as text by portal.core.exports, which every
    # SpreadsheetExportMixin export goes through.

    def get(self, request, pk):
        self.page = get_object_or_404(ConsultationPage, pk=pk)
        self.blocks = list(self.page.questions)
        self.export_headings = {
            "receipt": _("Receipt"),
            "channel": _("Channel"),
            "tenure": _("Tenure"),
            "estate": _("Estate"),
            "changed": _("Last changed"),
            **{b.id: b.value["question"] for b in self.blocks},
        }
        self.list_export = list(self.export_headings)
        responses = (
            submitted_responses(self.page)
            .select_related("estate")
            .prefetch_related("answers")
            .order_by("pk")
        )
        chosen = request.GET.get("export")
        return self.as_spreadsheet(
            responses.iterator(chunk_size=2000),
            chosen if chosen in self.FORMATS else self.FORMAT_CSV,
        )

    def get_filename(self):
        return f"consultation-{self.page.pk}-responses"

    def to_row_dict(self, response):
        by_question: dict[str, list[str]] = {}
        for answer in sorted(response.answers.all(), key=lambda a: a.number or 0):
            by_question.setdefault(answer.question_id, []).append(
                answer.text or answer.value
            )
        return {
            "receipt": response.reference,
            "channel": response.get_channel_display(),
            "tenure": response.get_tenure_display(),
            "estate": str(response.estate or ""),
            "changed": response.updated_at,
            **{b.id: "; ".join(by_question.get(b.id, [])) for b in self.blocks},
        }


class ResponseEnterView(StaffPageMixin, FormView):
    """Staff type in a paper form or the answers given on the phone, for the
    household at one home (audited as entered on the household's behalf)."""

    required_permission = "consultations.enter_response"
    template_name = "consultations/admin/enter.html"
    header_icon = "edit"

    def get_page_title(self):
        return _("Enter a paper or phone response: %(title)s") % {
            "title": self.consultation.title
        }

    def dispatch(self, request, *args, **kwargs):
        self.consultation = get_object_or_404(
            ConsultationPage.objects.specific(), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return StaffResponseForm(
            consultation=self.consultation, **self.get_form_kwargs()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            response = response_save(
                consultation=self.consultation,
                respondent=data.get("resident"),
                data=data,
                submit=True,
                channel=data["channel"],
                entered_by=self.request.user,
                home=form.home,
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Saved the answers from %(home)s (receipt %(ref)s).")
            % {"home": form.home, "ref": str(response.reference)[:8]},
        )
        return redirect(self.request.path)
