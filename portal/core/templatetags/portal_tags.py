"""The portal's section menu and breadcrumbs (see `portal.core.navigation`)."""

from django import template

from ..navigation import portal_navigation

register = template.Library()


@register.inclusion_tag("portal/_navigation.html", takes_context=True)
def portal_nav(context):
    request = context.get("request")
    return {"nav": portal_navigation(request) if request else None}
