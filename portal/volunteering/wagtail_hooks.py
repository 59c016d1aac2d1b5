from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import MONEY, RESIDENTS
from portal.core.permissions import PermissionMenuItem, ReadOnlyPermissionPolicy
from portal.core.queues import QUEUE_ORDER
from portal.core.viewsets import ListingQuerysetViewSet, WorkQueueViewSet

from .admin_views import (
    RECORD_PERM,
    FindRecordView,
    HoursDecisionView,
    InvolvementRecordView,
    IssueVoucherView,
    VouchersDueView,
)
from .models import LoggedHours, ThankYouRule, Voucher
from .services import ISSUE_PERM

# Hours change only through their decision screen, vouchers only by issuing.
register_permission_policy(LoggedHours, ReadOnlyPermissionPolicy(LoggedHours))
register_permission_policy(Voucher, ReadOnlyPermissionPolicy(Voucher))


class LoggedHoursViewSet(WorkQueueViewSet):
    """Hours residents logged, waiting ones first: confirm or refuse each."""

    model = LoggedHours
    work_view = HoursDecisionView
    work_name = "decide"
    icon = "time"
    menu_label = _("Volunteer hours")
    menu_order = 30
    menu_hook = RESIDENTS
    list_filter = ["status", "done_on"]
    list_export = [
        "person",
        "done_on",
        "activity",
        "hours",
        "status",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    export_filename = "volunteer-hours"
    search_fields = ["activity"]

    @property
    def list_display(self):
        return [
            self.work_column("activity", _("Activity")),
            "person",
            "done_on",
            "hours",
            "status",
            "decided_by",
        ]

    def listing_queryset(self):
        return LoggedHours.objects.select_related("person", "decided_by").order_by(
            *QUEUE_ORDER
        )


class ThankYouRuleViewSet(ModelViewSet):
    """The thank-you scheme as data: a voucher's value and the hours that earn
    it in a financial year (each once a year)."""

    model = ThankYouRule
    icon = "gift"
    menu_label = _("Thank-you scheme")
    menu_order = 20
    menu_hook = MONEY
    form_fields = ["name", "hours_needed", "amount", "active"]
    list_display = ["name", "hours_needed", "amount", "active"]
    copy_view_enabled = False


class VoucherViewSet(ListingQuerysetViewSet):
    """Vouchers given: who, what, when, by whom (read only)."""

    model = Voucher
    icon = "gift"
    menu_label = _("Thank-you vouchers given")
    menu_order = 22
    menu_hook = MONEY
    list_display = ["reference", "person", "rule", "year", "amount", "issued_at"]
    list_filter = ["year", "rule"]
    list_export = [
        "reference",
        "person",
        "rule",
        "year",
        "amount",
        "hours_at_issue",
        "issued_by",
        "issued_at",
    ]
    export_filename = "thank-you-vouchers"
    form_fields = []
    copy_view_enabled = False

    def listing_queryset(self):
        return Voucher.objects.select_related("person", "rule", "issued_by")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        LoggedHoursViewSet("volunteer_hours"),
        ThankYouRuleViewSet("thank_you_rules"),
        VoucherViewSet("thank_you_vouchers"),
    ]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "volunteering/vouchers-due/",
            VouchersDueView.as_view(),
            name="volunteering_vouchers_due",
        ),
        path(
            "volunteering/vouchers-due/<int:person_id>/<int:rule_id>/<int:year>/",
            IssueVoucherView.as_view(),
            name="volunteering_issue_voucher",
        ),
        path(
            "involvement-records/",
            FindRecordView.as_view(),
            name="volunteering_find_record",
        ),
        path(
            "involvement-records/<int:person_id>/",
            InvolvementRecordView.as_view(),
            name="volunteering_record",
        ),
    ]


@hooks.register(MONEY)
def vouchers_due_menu_item():
    return PermissionMenuItem(
        _("Thank-you vouchers due"),
        reverse("volunteering_vouchers_due"),
        icon_name="gift",
        order=21,
        permission=ISSUE_PERM,
    )


@hooks.register(RESIDENTS)
def records_menu_item():
    return PermissionMenuItem(
        _("Involvement records"),
        reverse("volunteering_find_record"),
        icon_name="user",
        order=31,
        permission=RECORD_PERM,
    )


@hooks.register("register_user_listing_buttons")
def involvement_record_button(user, request_user):
    """ "Involvement record" on each person in the admin's user list."""
    if not request_user.has_perm(RECORD_PERM):
        return []
    return [
        Button(
            _("Involvement record"),
            reverse("volunteering_record", args=[user.pk]),
            icon_name="user",
            priority=50,
        )
    ]


@register_work_panel
class VolunteerHoursPanel(WorkWaitingPanel):
    """Hours residents logged, waiting to be confirmed."""

    name = "volunteer_hours"
    heading = _("Volunteer hours")
    permission = "volunteering.confirm_loggedhours"
    order = 70

    def get_lines(self):
        waiting = LoggedHours.Status.WAITING
        return count_lines(
            LoggedHours.objects.all(),
            date_field="created_at",
            lines=[
                (
                    _("Hours to confirm"),
                    Q(status=waiting),
                    reverse("volunteer_hours:index") + f"?status={waiting}",
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "volunteering.hours_logged": _("Volunteer hours logged"),
        "volunteering.hours_confirmed": _("Volunteer hours confirmed"),
        "volunteering.hours_refused": _("Volunteer hours not confirmed"),
        "volunteering.voucher_issued": _("Thank-you voucher issued"),
    }
