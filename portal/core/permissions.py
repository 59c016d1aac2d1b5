from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """For records nobody may add, edit or delete by hand (the audit log):
    even superusers only view them."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


class RequirePermissionMixin:
    """For custom admin views: refuse (Wagtail sends the person back with a
    message) unless the user has `required_permission`."""

    required_permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffPageMixin(RequirePermissionMixin, WagtailAdminTemplateMixin):
    """A custom back-office page: Wagtail's layout, behind one permission."""

    def admin_page(self, items, per_page: int = 50) -> dict:
        """One page of `items` for Wagtail's `pagination_nav.html`: its links
        write `?p=` (never `?page=`) and it lists the `elided_page_range`."""
        page = Paginator(items, per_page).get_page(self.request.GET.get("p"))
        return {
            "page_obj": page,
            "elided_page_range": page.paginator.get_elided_page_range(page.number),
        }


class PermissionMenuItem(MenuItem):
    """An admin menu item shown only to people with `permission`."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
