"""Back office: competitions, their entries and the draw."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.params import parse_id
from portal.core.permissions import StaffPageMixin

from .models import CompetitionPage
from .selectors import competitions_for_staff
from .services import competition_draw


class CompetitionListView(StaffPageMixin, TemplateView):
    required_permission = "magazines.view_competitionentry"
    template_name = "magazines/admin/competitions.html"
    page_title = gettext_lazy("Magazine competitions")
    header_icon = "pick"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            competitions=competitions_for_staff()[:50], **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("magazines.draw_competition"):
            messages.error(request, _("You do not have permission to draw winners."))
            return redirect("magazine_competitions")
        competition = get_object_or_404(
            CompetitionPage, pk=parse_id(request.POST.get("draw"))
        )
        try:
            draw = competition_draw(competition=competition, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The winner is %(name)s (%(email)s), drawn from %(count)s entries.")
                % {
                    "name": draw.winner.entrant.get_full_name(),
                    "email": draw.winner.entrant.email,
                    "count": draw.entries_count,
                },
            )
        return redirect("magazine_competitions")
