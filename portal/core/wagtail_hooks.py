from django.db import models
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from .export_views import PreparedExportDownloadView, PreparedExportsView
from .fields import BoundedModelMultipleChoiceField
from .menu import MENU_GROUPS, REPORTS
from .models import AuditEntry, Notification
from .permissions import PermissionMenuItem, ReadOnlyPermissionPolicy
from .viewsets import ListingQuerysetViewSet

register_permission_policy(AuditEntry, ReadOnlyPermissionPolicy(AuditEntry))
register_permission_policy(Notification, ReadOnlyPermissionPolicy(Notification))
# Every admin form's many-to-many choices (a group's estates and streets…) treat an
# id no column could hold as an invalid choice instead of failing in the database.
register_form_field_override(
    models.ManyToManyField, override={"form_class": BoundedModelMultipleChoiceField}
)


class AuditEntryViewSet(ListingQuerysetViewSet):
    """The audit log: who decided what, when and why. Read only, exportable."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    menu_hook = REPORTS
    list_display = [
        "created_at",
        Column("action_label", label=_("What happened")),
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
    menu_hook = REPORTS
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


@hooks.register("register_admin_viewset")
def register_menu_groups():
    return [group() for group in MENU_GROUPS]


@hooks.register("insert_global_admin_css")
def menu_labels_wrap():
    # Long menu names wrap instead of being cut off ("Sign-up rows to ch…").
    return format_html(
        '<link rel="stylesheet" href="{}">', static("portal_core/admin.css")
    )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "notification.unsubscribed": _("Unsubscribed from messages"),
        "notification.essential": _("Message marked essential"),
        "export.requested": _("Large export asked for"),
        "export.downloaded": _("Prepared export downloaded"),
    }


@hooks.register("register_admin_urls")
def register_prepared_export_urls():
    return [
        path("exports/", PreparedExportsView.as_view(), name="prepared_exports"),
        path(
            "exports/<uuid:pk>/download/",
            PreparedExportDownloadView.as_view(),
            name="prepared_export_download",
        ),
    ]


@hooks.register(REPORTS)
def register_prepared_exports_menu_item():
    return PermissionMenuItem(
        _("Your exports"),
        reverse("prepared_exports"),
        icon_name="download",
        order=990,
        permission="wagtailadmin.access_admin",
    )
