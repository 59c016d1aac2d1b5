"""Who may see scanned sign-up sheets (`portal.core.files`)."""

from portal.core.files import register_file_visibility

from .models import PaperSheet


@register_file_visibility("evidence")
def officers_see_sign_up_sheets(user, private) -> bool:
    """A group's paper sign-up sheets are seen by all of that group's officers."""
    return PaperSheet.objects.filter(scan=private, group__officers__user=user).exists()
