"""Who may see the private files a group's records use (`portal.core.files`)."""

from portal.core.files import register_file_visibility

from .models import Activity, Document


@register_file_visibility("groups")
def officers_see_group_records(user, private) -> bool:
    """A group's locker documents and minutes are shared by all of that group's
    officers (and no one else)."""
    officer_of = {"group__officers__user": user}
    return (
        Document.objects.filter(file=private, **officer_of).exists()
        or Activity.objects.filter(minutes=private, **officer_of).exists()
    )
