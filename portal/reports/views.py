"""Reports → Involvement performance: every measure for a period and place, each
as a figure, a bar chart with its data table, its target and rating; CSV too.
Reports → Regulator evidence pack: the same figures by clause of the regulator's
standard, on screen and as a zip. A measure's records: the rows one figure was
counted from, where each figure links."""

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cms.core.models import LandlordSettings
from portal.core.dates import london_today
from portal.core.exports import csv_response, xlsx_response
from portal.core.permissions import StaffPageMixin
from portal.core.services import audit_record

from .evidence import STANDARD_URL, evidence_pack, evidence_zip
from .forms import PerformanceForm, ReportForm
from .registry import get_measure, measures, record_rows
from .selectors import performance
from .snapshot import ReportRefused, report_maker, take_snapshot
from .templatetags.performance import measure_value

PERMISSION = "reports.report_measuretarget"


def period_form(request) -> PerformanceForm:
    """The period and place asked for in the query string, or this financial
    year so far for the whole landlord."""
    data = request.GET if "period" in request.GET else QueryDict("period=ytd")
    return PerformanceForm(data, today=london_today())


def body_note(scope) -> dict:
    """With a body chosen, the measures it does not apply to, named on the page."""
    if not scope.body_id:
        return {}
    return {"not_by_body": [m.label for m in measures() if not m.by_body]}


def kept_query(form) -> QueryDict:
    """The period and place chosen (the form's own fields only), to go with a
    download link or a POST."""
    kept = QueryDict(mutable=True)
    for name in form.data:
        if name in form.fields or name.rsplit("_", 1)[0] in form.fields:
            kept.setlist(name, form.data.getlist(name))
    return kept


class PerformanceView(StaffPageMixin, TemplateView):
    required_permission = PERMISSION
    template_name = "reports/admin/performance.html"
    page_title = gettext_lazy("Involvement performance")
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        form = period_form(request)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period, scope = form.get_period(), form.get_scope()
        sections = performance(period, scope)
        download = request.GET.get("format")
        if download in ("csv", "xlsx"):
            return self.download(download, period, scope, sections)
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
        kept = kept_query(form)
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
                **body_note(scope),
            )
        )

    def download(self, kind, period, scope, sections):
        """The figures, each measure then its bars, as CSV or Excel (same rows)."""

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
        if kind == "xlsx":
            return xlsx_response(
                rows(), filename=f"{name}.xlsx", title=_("Involvement performance")
            )
        return csv_response(rows(), filename=f"{name}.csv", stream=False)


class EvidencePackView(StaffPageMixin, TemplateView):
    """Reports → Regulator evidence pack: each clause of the standard with the
    figures that evidence it for a period and place, and the same as a zip."""

    required_permission = PERMISSION
    template_name = "reports/admin/evidence_pack.html"
    page_title = gettext_lazy("Regulator evidence pack")
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        form = period_form(request)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        period, scope = form.get_period(), form.get_scope()
        pack = evidence_pack(period, scope)
        if request.GET.get("format") == "zip":
            return self.download(period, scope, pack)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                period=period,
                scope=scope,
                pack=pack,
                query=kept_query(form).urlencode(),
                standard_url=STANDARD_URL,
                **body_note(scope),
            )
        )

    def download(self, period, scope, pack):
        request = self.request
        made_at = timezone.localtime()
        content = evidence_zip(
            pack=pack,
            period=period,
            scope=scope,
            landlord=LandlordSettings.for_request(request).name,
            made_at=made_at,
            absolute=lambda url: request.build_absolute_uri(url) if url else "",
        )
        audit_record(
            actor=request.user,
            action="reports.evidence_pack_downloaded",
            target=request.user,
            details={
                "first": period.first.isoformat(),
                "last": period.last.isoformat(),
                "area": scope.area_id,
                "estate": scope.estate_id,
                "body": scope.body_id,
            },
        )
        name = slugify(f"regulator evidence pack {period.first} {period.last}")
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        return response


class MeasureRecordsView(StaffPageMixin, TemplateView):
    """The records behind one figure for a period and place: the rows the
    measure registered (the same ones as `records/<key>.csv` in the evidence
    pack), on screen and as CSV."""

    required_permission = PERMISSION
    template_name = "reports/admin/measure_records.html"
    page_title = gettext_lazy("Records behind a figure")
    header_icon = "doc-full"

    def get(self, request, *args, **kwargs):
        measure = get_measure(kwargs["key"])
        if measure is None:
            raise Http404
        form = period_form(request)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, measure=measure)
            )
        period, scope = form.get_period(), form.get_scope()
        rows = record_rows(measure, period, scope)
        if rows is not None and request.GET.get("format") == "csv":
            name = slugify(f"{measure.key} {period.first} {period.last}")
            return csv_response(rows, filename=f"{name}.csv", stream=False)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                measure=measure,
                period=period,
                scope=scope,
                figure=measure.figure(period, scope),
                heading=rows[0] if rows else [],
                records=rows[1:] if rows else [],
                not_recorded=rows is None,
                query=kept_query(form).urlencode(),
            )
        )
