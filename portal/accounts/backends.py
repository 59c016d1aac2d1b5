"""Django's model backend, reading a person's permissions in one query, or in
none for someone who has no permission at all."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef


class ModelBackendOneQuery(ModelBackend):
    """`ModelBackend` reads a person's own permissions and their groups' in two
    queries the first time a request checks one; this reads both with one
    UNION (every page that checks a permission saves a query). The result is
    the same set, kept in the same per-request cache (`user._perm_cache`), so
    allauth's backend after this one reads nothing more.

    The signed-in person is read with whether they belong to any group or hold
    any permission of their own. Most people (residents) do neither, and then
    their permissions are known to be none without asking: every page that
    checks one (the Wagtail user bar on every public page does) saves the
    UNION too."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager
        try:
            user = users.annotate(
                holds_permissions=Exists(
                    users.model.groups.through.objects.filter(user=OuterRef("pk"))
                )
                | Exists(
                    users.model.user_permissions.through.objects.filter(
                        user=OuterRef("pk")
                    )
                )
            ).get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        if not (user.holds_permissions or user.is_superuser):
            # ModelBackend's own per-request caches, filled with the answer.
            for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
                setattr(user, cache, set())
        return user

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
