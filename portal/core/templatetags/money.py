"""`{% load money %}{{ amount|money }}` → "£25,000.00";
`{{ amount|money:"whole" }}` → "£25,000" when there are no pence."""

from django import template

from portal.core.money import format_money

register = template.Library()


@register.filter(name="money")
def money(value, style: str = "") -> str:
    return format_money(value, style)
