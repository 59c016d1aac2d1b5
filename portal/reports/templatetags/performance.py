"""How the performance report says its numbers, and its server-drawn bar charts."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.core.money import format_money

register = template.Library()

CHART_WIDTH = 320
BAR_HEIGHT = 14
ROW_HEIGHT = 36


@register.filter
def measure_value(value, unit):
    """A figure in its unit: "93.8%", "£1,250.00", "4.5 days", "4.12 out of 5"."""
    if value is None:
        return _("No figure")
    if unit == "percent":
        return f"{number_format(value, 1)}%"
    if unit == "money":
        return format_money(value)
    if unit == "days":
        return _("%(n)s days") % {"n": number_format(value, 1)}
    if unit == "score":
        return _("%(n)s out of 5") % {"n": number_format(value, 2)}
    if unit == "average":
        return number_format(value, 1)
    return number_format(value, 0, force_grouping=True)


@register.inclusion_tag("reports/admin/_chart.html")
def bar_chart(row):
    """Horizontal bars, one per row of the data table beside the chart, scaled
    to the largest (percentages to 100). Drawn on the server: no script."""
    figure, measure = row.figure, row.measure
    unit = measure.chart_unit
    values = [Decimal(bar.value or 0) for bar in figure.bars]
    top = max([Decimal(100)] if unit == "percent" else [*values, Decimal(1)])
    bars = []
    for index, (bar, value) in enumerate(zip(figure.bars, values, strict=True)):
        y = index * ROW_HEIGHT
        bars.append(
            {
                "label": bar.label,
                "text": measure_value(bar.value, unit),
                "label_y": y + 12,
                "bar_y": y + 17,
                "width": int(CHART_WIDTH * value / top) if top else 0,
            }
        )
    return {
        "row": row,
        "bars": bars,
        "width": CHART_WIDTH + 90,
        "height": max(len(bars) * ROW_HEIGHT, ROW_HEIGHT),
        "bar_height": BAR_HEIGHT,
        "unit": unit,
    }
