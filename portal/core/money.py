"""Money in one place: amounts are `Decimal` pounds quantised to pence, and shown
the same way everywhere ("£25,000.00", or "£25,000" for whole pounds where asked)
with the thousands separator and decimal mark of the reader's language.

Digits stay Latin in every language (as the rest of the site writes dates and
references), and the symbol is always "£": Babel would otherwise write "GBP" in
Polish and "UK£" in Arabic, which reads as a different currency to a UK resident.
"""

import decimal
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_decimal
from django.utils import translation

PENNY = Decimal("0.01")


def to_pence(value) -> Decimal:
    """A Decimal rounded to the nearest penny (half up, as banks do). Raises
    `decimal.InvalidOperation` for anything that is not a number."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if not amount.is_finite():
        raise decimal.InvalidOperation(value)
    with decimal.localcontext() as context:
        # Enough digits that even an absurd amount rounds instead of raising.
        context.prec = max(28, amount.adjusted() + 4)
        return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


@functools.lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[Locale, str, str]:
    try:
        locale = Locale.parse(translation.to_locale(language))
    except (ValueError, LookupError):
        locale = Locale.parse("en_GB")
    pattern = locale.currency_formats["standard"].pattern
    pattern = pattern.split(";")[0].replace("¤", "'£'")
    whole = re.sub(r"\.0+", "", pattern)
    return locale, pattern, whole


def format_money(value, style: str = "", *, language: str | None = None) -> str:
    """`value` in pounds for the active (or given) language. `style="whole"` drops
    the pence when there are none ("£25,000"); otherwise pence always show.
    Anything that is not a number comes back as it was; None as ""."""
    if value is None or value == "":
        return ""
    try:
        amount = to_pence(value)
    except (decimal.InvalidOperation, ValueError, TypeError):
        return str(value)
    locale, pattern, whole_pattern = _patterns(
        language or translation.get_language() or "en-gb"
    )
    use_whole = style == "whole" and amount == amount.to_integral_value()
    with decimal.localcontext() as context:
        context.prec = max(28, amount.adjusted() + 4)
        text = format_decimal(
            amount,
            format=whole_pattern if use_whole else pattern,
            locale=locale,
            decimal_quantization=False,
            numbering_system="latn",
        )
    return text
