"""Back office: Reports → "Tenant satisfaction measures". Per survey, each
measure with the number of answers, the result and its margin of error, for
low-cost rental and low-cost home ownership; a chart drawn on the server (no
JavaScript) with the same figures in a table, and a CSV in the shape of the
regulator's data return."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from portal.core.exports import csv_response
from portal.core.permissions import RequirePermissionMixin, StaffPageMixin

from . import tsm
from .models import Channel, ConsultationPage, Kind
from .selectors import tsm_results

PERMISSION = "consultations.view_response"

# Chart geometry (SVG user units): one row per measure, a bar per tenure group.
LABEL_WIDTH = 70
BAR_SCALE = 4  # 100 % = 400 units
BAR_HEIGHT = 14
ROW_HEIGHT = 40


def _surveys():
    return ConsultationPage.objects.filter(kind=Kind.TSM).order_by("-closes_at")


class TsmListView(StaffPageMixin, TemplateView):
    required_permission = PERMISSION
    template_name = "consultations/admin/tsm_list.html"
    page_title = gettext_lazy("Tenant satisfaction measures")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        surveys = _surveys().annotate(
            sent=Count("responses", filter=Q(responses__submitted=True))
        )
        return super().get_context_data(surveys=surveys, **kwargs)


def _chart(rows):
    """Bars (and the margin of error as a line either side) for every result."""
    bars = []
    y = 10
    for row in rows:
        for offset, result in enumerate(row["results"]):
            if result.percent is None:
                continue
            top = y + offset * (BAR_HEIGHT + 2)
            width = float(result.percent) * BAR_SCALE
            margin = float(result.margin or 0) * BAR_SCALE
            bars.append(
                {
                    "label": row["measure"].code,
                    "group": result.group,
                    "x": LABEL_WIDTH,
                    "y": top,
                    "width": round(width, 1),
                    "error_from": round(LABEL_WIDTH + max(0, width - margin), 1),
                    "error_to": round(LABEL_WIDTH + min(400, width + margin), 1),
                    "error_y": top + BAR_HEIGHT / 2,
                    "text_x": round(LABEL_WIDTH + min(400, width + margin) + 4, 1),
                    "text_y": top + BAR_HEIGHT - 3,
                    "percent": result.percent,
                    "first": offset == 0,
                    "label_y": y + BAR_HEIGHT,
                }
            )
        y += ROW_HEIGHT
    ticks = [
        {"x": LABEL_WIDTH + share * BAR_SCALE, "label": f"{share}%"}
        for share in (0, 25, 50, 75, 100)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "axis_y": y,
        "height": y + 16,
        "width": LABEL_WIDTH + 400 + 60,
    }


def survey_rows(page):
    data = tsm_results(page)
    rows = []
    for measure in tsm.MEASURES:
        by_group = data["results"][measure.code]
        rows.append(
            {
                "measure": measure,
                "results": [by_group[group] for group in measure.groups()],
            }
        )
    return rows, data


class TsmReportView(StaffPageMixin, TemplateView):
    required_permission = PERMISSION
    template_name = "consultations/admin/tsm_report.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return _("Tenant satisfaction measures: %(title)s") % {
            "title": self.survey.title
        }

    def dispatch(self, request, *args, **kwargs):
        self.survey = get_object_or_404(_surveys(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        rows, data = survey_rows(self.survey)
        groups = []
        channels = dict(Channel.choices)
        households = _households_by_group(data["populations"])
        for group in (tsm.LCRA, tsm.LCHO):
            sent = data["by_channel"].get(group, {})
            total = sum(sent.values())
            groups.append(
                {
                    "label": tsm.GROUP_LABELS[group],
                    "households": households.get(group, 0),
                    "responses": total,
                    "rate": tsm.share(total, households[group])
                    if households.get(group) and total <= households[group]
                    else None,
                    "channels": [
                        (channels.get(key, key), n) for key, n in sorted(sent.items())
                    ],
                }
            )
        outside = sum(data["by_channel"].get("", {}).values())
        return super().get_context_data(
            survey=self.survey,
            rows=rows,
            groups=groups,
            outside=outside,
            chart=_chart(rows),
            group_labels=tsm.GROUP_LABELS,
            **kwargs,
        )


def _households_by_group(populations):
    out: dict[str, int] = {}
    for tenure, n in populations.items():
        group = tsm.TENURE_GROUPS.get(tenure)
        if group:
            out[group] = out.get(group, 0) + n
    return out


class TsmExportView(RequirePermissionMixin, View):
    """One row per measure per tenure type, as the data return asks for it."""

    required_permission = PERMISSION

    def get(self, request, pk):
        page = get_object_or_404(_surveys(), pk=pk)
        rows, data = survey_rows(page)
        channels = dict(Channel.choices)
        methods = sorted(
            {
                str(channels.get(key, key))
                for sent in data["by_channel"].values()
                for key in sent
            }
        )
        opened = timezone.localtime(page.opens_at).date().isoformat()
        closed = timezone.localtime(page.closes_at).date().isoformat()

        def lines():
            yield [
                _("Survey"),
                _("Measure"),
                _("Description"),
                _("Tenure type"),
                _("Number of responses"),
                _("Number satisfied or agreeing"),
                _("Result (%)"),
                _("Answers left out (don't know, not applicable or not asked)"),
                _("Relevant households"),
                _("Margin of error at 95% (± percentage points)"),
                _("Fieldwork from"),
                _("Fieldwork to"),
                _("Collection methods"),
            ]
            for row in rows:
                for result in row["results"]:
                    yield [
                        page.title,
                        result.code,
                        row["measure"].name,
                        result.group,
                        result.responses,
                        result.positive,
                        "" if result.percent is None else f"{result.percent}",
                        result.excluded,
                        result.population,
                        "" if result.margin is None else f"{result.margin}",
                        opened,
                        closed,
                        "; ".join(methods),
                    ]

        return csv_response(lines(), filename=f"tsm-{page.pk}-data-return.csv")
