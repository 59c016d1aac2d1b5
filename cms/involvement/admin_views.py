"""Back office: who is interested, per opportunity or per topic; export; invite."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.exports import csv_response
from portal.core.models import Topic
from portal.core.params import parse_id
from portal.core.permissions import StaffPageMixin

from .models import Interest, OpportunityPage
from .services import interested_invite, invite_default_subject

ACCESS_FIELDS = [
    "step_free",
    "hearing_loop",
    "bsl_signer",
    "interpreter",
    "childcare",
    "transport",
    "large_print_papers",
]


def access_needs_text(user) -> str:
    needs = getattr(user, "access_needs", None)
    if needs is None:
        return ""
    labels = [
        str(needs._meta.get_field(name).verbose_name)
        for name in ACCESS_FIELDS
        if getattr(needs, name)
    ]
    if needs.other:
        labels.append(needs.other)
    return "; ".join(labels)


def contact_text(user) -> str:
    prefs = getattr(user, "contact_preferences", None)
    return ", ".join(prefs.channels) if prefs else "email"


class InterestListView(StaffPageMixin, TemplateView):
    """Interested residents: all, for one opportunity (?opportunity=) or one
    topic (?topic=). ?format=csv exports the same list."""

    required_permission = "involvement.view_interest"
    template_name = "involvement/admin/interests.html"
    page_title = gettext_lazy("Interested residents")
    header_icon = "group"

    def interests(self):
        interests = (
            Interest.objects.filter(withdrawn_at__isnull=True)
            .select_related(
                "opportunity",
                "user__contact_preferences",
                "user__access_needs",
            )
            .order_by("opportunity__title", "created_at")
        )
        opportunity = parse_id(self.request.GET.get("opportunity"))
        topic = parse_id(self.request.GET.get("topic"))
        if opportunity:
            interests = interests.filter(opportunity_id=opportunity)
        if topic:
            interests = interests.filter(opportunity__topics=topic).distinct()
        return interests

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            if not request.user.has_perm("involvement.export_interest"):
                messages.error(request, _("You may not export this list."))
                return redirect(request.path)
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        def rows():
            yield [
                _("Opportunity"),
                _("Name"),
                _("Email"),
                _("Contact by"),
                _("Access needs"),
            ]
            for i in self.interests().iterator(chunk_size=2000):
                yield [
                    i.opportunity.title,
                    i.user.get_full_name(),
                    i.user.email,
                    contact_text(i.user),
                    access_needs_text(i.user),
                ]

        return csv_response(rows(), filename="interested.csv")

    def get_context_data(self, **kwargs):
        page = self.admin_page(self.interests())
        rows = page["page_obj"]
        for interest in rows:
            interest.contact = contact_text(interest.user)
            interest.needs = access_needs_text(interest.user)
        return super().get_context_data(
            interests=rows,
            opportunities=OpportunityPage.objects.order_by("title"),
            topics=Topic.objects.all(),
            chosen_opportunity=self.request.GET.get("opportunity", ""),
            chosen_topic=self.request.GET.get("topic", ""),
            query=self.request.GET.urlencode(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("involvement.export_interest"):
            messages.error(request, _("You may not invite residents."))
            return redirect(request.get_full_path())
        opportunity = get_object_or_404(
            OpportunityPage, pk=parse_id(request.POST.get("opportunity"))
        )
        message = request.POST.get("message", "").strip()
        if not message:
            messages.error(request, _("Write the invitation before sending it."))
            return redirect(request.get_full_path())
        sent = interested_invite(
            opportunity=opportunity,
            actor=request.user,
            subject=request.POST.get("subject", "").strip()
            or invite_default_subject(opportunity),
            message=message,
        )
        messages.success(
            request, _("Invitation sent to %(n)s residents.") % {"n": sent}
        )
        return redirect(request.get_full_path())
