"""Reports → Involvement performance: every measure for a period and place, each
as a figure, a bar chart with its data table, its target and rating; CSV too."""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.core.dates import london_today
from portal.core.exports import csv_response
from portal.core.permissions import StaffPageMixin

from .forms import PerformanceForm
from .selectors import performance
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
            form = PerformanceForm({"period": "ytd"}, today=london_today())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period, scope = form.get_period(), form.get_scope()
        sections = performance(period, scope)
        if request.GET.get("format") == "csv":
            return self.csv(period, scope, sections)
        query = request.GET.copy()
        query.pop("format", None)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                period=period,
                scope=scope,
                sections=sections,
                csv_query=query.urlencode(),
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
