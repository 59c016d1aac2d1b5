"""Reports → Involvement performance: every measure for a period and place, each
as a figure, a bar chart with its data table, its target and rating; CSV too."""

from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.dates import london_today
from portal.core.exports import csv_response
from portal.core.permissions import StaffPageMixin

from .forms import PerformanceForm, ReportForm
from .selectors import performance
from .snapshot import ReportRefused, report_maker, take_snapshot
from .templatetags.performance import measure_value

PERMISSION = "reports.report_measuretarget"


class PerformanceView(StaffPageMixin, TemplateView):
    required_permission = PERMISSION
    template_name = "reports/admin/performance.html"
    page_title = gettext_lazy("Involvement performance")
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        data = request.GET if "period" in request.GET else None
        form = PerformanceForm(data, today=london_today())
        if data is None:
            form = PerformanceForm(QueryDict("period=ytd"), today=london_today())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period, scope = form.get_period(), form.get_scope()
        sections = performance(period, scope)
        if request.GET.get("format") == "csv":
            return self.csv(period, scope, sections)
        return self.figures(form, period, scope, sections)

    def post(self, request, *args, **kwargs):
        """ "Create a report from these figures": freeze them and hand them to the
        registered report maker, which makes a draft page and says where it is."""
        maker = report_maker()
        if maker is None:
            raise Http404
        form = PerformanceForm(request.POST, today=london_today())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period, scope = form.get_period(), form.get_scope()
        report_form = ReportForm(request.POST, audiences=maker.audiences())
        if report_form.is_valid():
            snapshot = take_snapshot(period, scope, made_by=request.user)
            try:
                address = maker.make(
                    snapshot=snapshot,
                    audience=report_form.cleaned_data["audience"],
                    title=report_form.cleaned_data["title"],
                    user=request.user,
                )
            except ReportRefused as refused:
                report_form.add_error(None, str(refused))
            else:
                return redirect(address)
        sections = performance(period, scope)
        return self.figures(form, period, scope, sections, report_form=report_form)

    def figures(self, form, period, scope, sections, *, report_form=None):
        """The page with the figures. The period and place chosen go with the
        CSV link and the report form."""
        kept = QueryDict(mutable=True)
        for name in form.data:
            if name in form.fields or name.rsplit("_", 1)[0] in form.fields:
                kept.setlist(name, form.data.getlist(name))
        maker = report_maker()
        if report_form is None and maker is not None:
            report_form = ReportForm(audiences=maker.audiences())
        return self.render_to_response(
            self.get_context_data(
                form=form,
                period=period,
                scope=scope,
                sections=sections,
                csv_query=kept.urlencode(),
                report_form=report_form,
                report_fields=[(k, v) for k in kept for v in kept.getlist(k)],
            )
        )

    def csv(self, period, scope, sections):
        def rows():
            yield [
                _("Period"),
                _("Place"),
                _("Section"),
                _("Measure"),
                _("Breakdown"),
                _("Figure"),
                _("Count"),
                _("Out of"),
                _("Target"),
                _("Rating"),
                _("How it is worked out"),
            ]
            for section, section_rows in sections:
                for row in section_rows:
                    figure, measure = row.figure, row.measure
                    yield [
                        period.label,
                        scope.label,
                        section,
                        str(measure.label),
                        "",
                        "" if figure.value is None else figure.value,
                        "" if figure.count is None else figure.count,
                        "" if figure.of is None else figure.of,
                        row.target.target if row.target else "",
                        row.rating_label,
                        str(measure.definition),
                    ]
                    unit = measure.chart_unit
                    for bar in figure.bars:
                        yield [
                            period.label,
                            scope.label,
                            section,
                            str(measure.label),
                            bar.label,
                            measure_value(bar.value, unit),
                            "",
                            "",
                            "",
                            "",
                            "",
                        ]

        name = slugify(f"involvement performance {period.first} {period.last}")
        return csv_response(rows(), filename=f"{name}.csv", stream=False)
