"""Back-office screens: the resident profile upload, the "who takes part" report
(with its CSV), and acting on a gap (an action plan, invitations)."""

import datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.models import Locale

from cms.meetings.models import Body
from portal.core.dates import london_today
from portal.core.decisions import QueueScreenMixin
from portal.core.exports import csv_response
from portal.core.params import parse_date, parse_id, parse_int
from portal.housing.models import Area
from portal.housing.services import decode_upload

from .dimensions import dimensions
from .forms import ActionPlanForm, InviteForm, ProfileImportForm
from .selectors import (
    ACTIVITIES,
    financial_year,
    invitees,
    representation_report,
    threshold,
)
from .services import (
    ProfileImportError,
    representation_flag,
    representation_invite,
    representation_plan_record,
    resident_profile_import,
)


class ProfileImportView(QueueScreenMixin, FormView):
    """Upload the resident profile; every bad row is listed by line and reason."""

    required_permission = "reach.import_profile"
    form_class = ProfileImportForm
    template_name = "housing/property_import.html"
    page_title = gettext_lazy("Import the resident profile")
    queue_url_name = "resident_profile_imports:index"
    queue_label = gettext_lazy("Resident profile imports")
    header_icon = "upload"

    def form_valid(self, form):
        upload = form.cleaned_data["csv_file"]
        try:
            record = resident_profile_import(
                text=decode_upload(upload.read()),
                actor=self.request.user,
                filename=upload.name,
            )
        except ProfileImportError as error:
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.problems)
            )
        messages.success(
            self.request,
            _("Imported %(rows)s rows for %(estates)s estates.")
            % {"rows": record.rows, "estates": record.estates},
        )
        return redirect("representation_report")


class ReportScope:
    """The period and activity a screen is about, read safely from the query
    string (a bad value falls back to the current financial year, all involvement)."""

    def scope(self):
        params = self.request.GET if self.request.method == "GET" else self.request.POST
        today = london_today()
        year = parse_int(params.get("year"), minimum=2000, maximum=2100)
        start, end = parse_date(params.get("from")), parse_date(params.get("to"))
        if not (start and end and start <= end):
            start, end = financial_year(datetime.date(year, 4, 1) if year else today)
            custom = False
        else:
            custom = True
        activity = params.get("activity") or "all"
        body = None
        if activity.startswith("body-"):
            body = Body.objects.filter(pk=parse_id(activity[5:])).first()
            if body is None:
                activity = "all"
        elif activity not in ACTIVITIES:
            activity = "all"
        area_id = parse_id(params.get("area"))
        area = Area.objects.filter(pk=area_id).first() if area_id else None
        return {
            "area": area,
            "start": start,
            "end": end,
            "custom": custom,
            "activity": f"body-{body.pk}" if body else activity,
            "body": body,
        }

    def scope_query(self, scope) -> str:
        query = {
            "from": scope["start"].isoformat(),
            "to": scope["end"].isoformat(),
            "activity": scope["activity"],
        }
        if scope["area"] is not None:
            query["area"] = scope["area"].pk
        return urlencode(query)


class RepresentationReportView(ReportScope, QueueScreenMixin, TemplateView):
    required_permission = "reach.report_representation"
    template_name = "reach/report.html"
    page_title = gettext_lazy("Who takes part")
    header_icon = "group"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def report(self):
        scope = self.scope()
        return scope, representation_report(
            start=scope["start"],
            end=scope["end"],
            activity="body" if scope["body"] else scope["activity"],
            body=scope["body"],
            area=scope["area"],
        )

    def csv(self):
        scope, report = self.report()

        def number(count, hidden):
            return _("fewer than 5") if hidden else count

        def share(value):
            return "" if value is None else f"{value * 100:.1f}"

        def rows():
            yield [
                _("Dimension"),
                _("Category"),
                _("Participants"),
                _("Participants' share (%)"),
                _("Residents"),
                _("Residents' share (%)"),
                _("Representation ratio"),
                _("Under-represented"),
            ]
            for dim in report.dimensions:
                for row in dim.rows:
                    yield [
                        str(dim.dimension.label),
                        row.label,
                        number(row.participants, row.participants_withheld),
                        share(row.shown_participant_share),
                        number(row.residents, row.residents_withheld),
                        share(row.shown_resident_share),
                        "" if row.shown_ratio is None else str(row.shown_ratio),
                        _("Yes") if row.under else "",
                    ]

        return csv_response(
            rows(),
            filename=f"who-takes-part-{scope['start']}-{scope['end']}.csv",
            stream=False,
        )

    def get_context_data(self, **kwargs):
        scope, report = self.report()
        today = london_today()
        this_year = financial_year(today)[0].year
        return super().get_context_data(
            scope=scope,
            report=report,
            query=self.scope_query(scope),
            years=[(y, f"{y} to {y + 1}") for y in range(this_year, this_year - 4, -1)],
            chosen_year=None if scope["custom"] else scope["start"].year,
            activities=[
                *ACTIVITIES.items(),
                *(
                    (f"body-{b.pk}", b.name)
                    for b in Body.objects.filter(locale=Locale.get_default()).order_by(
                        "name"
                    )
                ),
            ],
            areas=Area.objects.order_by("name"),
            can_act=self.request.user.has_perm("reach.add_representationflag"),
            threshold=threshold(),
            **kwargs,
        )


class GapMixin(ReportScope):
    """A screen about one group in one activity, found from the query string."""

    required_permission = "reach.add_representationflag"
    queue_url_name = "representation_report"
    queue_label = gettext_lazy("Who takes part")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        params = request.GET if request.method == "GET" else request.POST
        self.dimension = dimensions().get(params.get("dimension", ""))
        self.category = params.get("category", "")
        if self.dimension is None or self.category not in dict(self.dimension.known):
            raise Http404
        self.gap = self.scope()
        try:
            self.ratio = Decimal(params.get("ratio", ""))
        except InvalidOperation:
            self.ratio = None
        if self.ratio is not None and not Decimal(0) <= self.ratio < Decimal(1000):
            self.ratio = None
        return super().dispatch(request, *args, **kwargs)

    def report_url(self) -> str:
        return f"{reverse('representation_report')}?{self.scope_query(self.gap)}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            dimension=self.dimension,
            category_label=self.dimension.label_for(self.category),
            gap=self.gap,
            ratio=self.ratio,
            hidden={
                "dimension": self.dimension.name,
                "category": self.category,
                "from": self.gap["start"].isoformat(),
                "to": self.gap["end"].isoformat(),
                "activity": self.gap["activity"],
                "ratio": "" if self.ratio is None else str(self.ratio),
            },
            report_url=self.report_url(),
            **kwargs,
        )


class ActionPlanView(GapMixin, QueueScreenMixin, FormView):
    form_class = ActionPlanForm
    template_name = "reach/plan.html"
    page_title = gettext_lazy("Record an action plan")
    header_icon = "tasks"

    def form_valid(self, form):
        if not self.request.user.has_perm("actions.add_action"):
            raise PermissionDenied
        representation_plan_record(
            actor=self.request.user,
            dimension=self.dimension.name,
            category=self.category,
            activity=self.gap["activity"],
            start=self.gap["start"],
            end=self.gap["end"],
            ratio=self.ratio,
            **form.cleaned_data,
        )
        messages.success(self.request, _("The action plan is in the actions register."))
        return redirect(self.report_url())


class InviteView(GapMixin, QueueScreenMixin, FormView):
    form_class = InviteForm
    template_name = "reach/invite.html"
    page_title = gettext_lazy("Invite residents to get involved")
    header_icon = "mail"

    def get_initial(self):
        return {
            "subject": _("Would you like to have your say?"),
            "message": _(
                "You told us you are interested in getting involved. We want the "
                "people who take part to reflect everyone who lives in our homes, "
                "and we would like to hear more from people like you. Reply to this "
                "message or visit the “Get involved” page to find a way that suits "
                "you."
            ),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            how_many=invitees(
                dimension=self.dimension.name, category=self.category
            ).count(),
            **kwargs,
        )

    def form_valid(self, form):
        flag = representation_flag(
            actor=self.request.user,
            dimension=self.dimension.name,
            category=self.category,
            activity=self.gap["activity"],
            start=self.gap["start"],
            end=self.gap["end"],
            ratio=self.ratio,
        )
        sent = representation_invite(
            actor=self.request.user, flag=flag, **form.cleaned_data
        )
        messages.success(
            self.request,
            _("Invitations sent to %(count)s residents.") % {"count": sent},
        )
        return redirect(self.report_url())
