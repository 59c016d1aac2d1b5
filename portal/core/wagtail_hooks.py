from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AuditEntry, Notification
from .permissions import ReadOnlyPermissionPolicy
from .viewsets import ListingQuerysetViewSet

register_permission_policy(AuditEntry, ReadOnlyPermissionPolicy(AuditEntry))
register_permission_policy(Notification, ReadOnlyPermissionPolicy(Notification))


class AuditEntryViewSet(ListingQuerysetViewSet):
    """The audit log: who decided what, when and why. Read only, exportable."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "action",
        "object_repr",
        "from_state",
        "to_state",
        "actor",
    ]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "reason", "action"]
    list_export = [
        "created_at",
        "action",
        "object_repr",
        "from_state",
        "to_state",
        "reason",
        "actor",
        "acting_for",
    ]
    export_filename = "audit-log"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []

    def listing_queryset(self):
        return AuditEntry.objects.select_related("actor", "acting_for", "content_type")


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditEntryViewSet("audit_log")


class OutboxViewSet(ListingQuerysetViewSet):
    """Every message sent to residents, with failures and those to send by hand."""

    model = Notification
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 910
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "subject",
        "recipient",
        "channel",
        "status",
        "attempts",
    ]
    list_filter = ["status", "channel", "created_at"]
    search_fields = ["subject", "recipient__email"]
    list_export = ["created_at", "recipient", "channel", "subject", "status", "sent_at"]
    export_filename = "outbox"
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []

    def listing_queryset(self):
        return Notification.objects.select_related("recipient")


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox")
