from django.core.exceptions import PermissionDenied
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


class PermissionMenuItem(MenuItem):
    """An admin menu item shown only to people with `permission`."""

    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
