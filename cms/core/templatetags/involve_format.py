"""One way to say dates, times and amounts of time, in every language.

`{{ day|long_date }}` → "4 December 2026"; `{{ moment|time_of_day }}` → "1:02pm",
"1pm", "midday" or "midnight" (GOV.UK style, Europe/London);
`{{ moment|date_and_time }}` → "Friday 4 December 2026, 1:02pm";
`{{ hours|hours_a_month }}` → "1 hour a month", "2.5 hours a month".
(Money is the `money` library's `{{ amount|money }}`.)
"""

import datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def long_date(value) -> str:
    if not value:
        return ""
    return date_format(_local(value), "j F Y")


@register.filter
def time_of_day(value) -> str:
    if not value:
        return ""
    value = _local(value)
    if value.hour == 12 and value.minute == 0:
        return _("midday")
    if value.hour == 0 and value.minute == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    suffix = _("am") if value.hour < 12 else _("pm")
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


@register.filter
def date_and_time(value) -> str:
    if not value:
        return ""
    value = _local(value)
    return _("%(day)s, %(time)s") % {
        "day": date_format(value, "l j F Y"),
        "time": time_of_day(value),
    }


@register.filter
def hours_number(value) -> str:
    """An amount of hours as a plain number: 2, 2.5, 0.25 (no trailing zeros)."""
    if value in (None, ""):
        return ""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def hours_a_month(value) -> str:
    if value in (None, ""):
        return ""
    hours = Decimal(str(value)).normalize()
    whole = int(hours) if hours == hours.to_integral_value() else 2
    shown = (
        f"{hours:f}".rstrip("0").rstrip(".") if "." in f"{hours:f}" else f"{hours:f}"
    )
    return ngettext("%(hours)s hour a month", "%(hours)s hours a month", whole) % {
        "hours": shown
    }
