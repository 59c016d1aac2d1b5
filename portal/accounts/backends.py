"""Django's model backend, reading a person's permissions in one query."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class ModelBackendOneQuery(ModelBackend):
    """`ModelBackend` reads a person's own permissions and their groups' in two
    queries the first time a request checks one; this reads both with one
    UNION (every page that checks a permission saves a query). The result is
    the same set, kept in the same per-request cache (`user._perm_cache`), so
    allauth's backend after this one reads nothing more."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = self._read_all_permissions(user_obj)
        return user_obj._perm_cache

    def _read_all_permissions(self, user_obj) -> set[str]:
        columns = ("content_type__app_label", "codename")
        if user_obj.is_superuser:
            rows = Permission.objects.values_list(*columns)
        else:
            rows = (
                self._get_user_permissions(user_obj)
                .order_by()
                .values_list(*columns)
                .union(
                    self._get_group_permissions(user_obj)
                    .order_by()
                    .values_list(*columns)
                )
            )
        return {f"{app_label}.{codename}" for app_label, codename in rows}
