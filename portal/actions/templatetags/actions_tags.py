from django import template

from ..selectors import actions_for_page

register = template.Library()


@register.inclusion_tag("actions/_page_actions.html")
def page_actions(page, heading):
    """The actions a meeting's minutes or a consultation's outcome agreed."""
    return {"actions": actions_for_page(page), "heading": heading}
