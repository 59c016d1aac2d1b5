from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value) -> str:
    """A share (0.1234) as "12.3%"; nothing when it is withheld or unknown."""
    if value is None:
        return "–"
    shown = (Decimal(value) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{number_format(shown, 1)}%"
