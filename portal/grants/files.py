"""Who may see grant files (`portal.core.files`)."""

from portal.core.files import register_file_visibility

from .selectors import grant_file_visible

register_file_visibility("grants")(grant_file_visible)
