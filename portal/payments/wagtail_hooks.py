from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import MONEY
from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import (
    BankDetailsDecisionView,
    DuePaymentsView,
    PaymentRunFileView,
    PaymentRunView,
    PayOtherWayView,
)
from .models import BankDetails, Payment

# Money records change only through the services (runs, decisions), never by hand.
register_permission_policy(BankDetails, ReadOnlyPermissionPolicy(BankDetails))


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path("payments/", DuePaymentsView.as_view(), name="payments_due"),
        path("payments/runs/<int:pk>/", PaymentRunView.as_view(), name="payment_run"),
        path(
            "payments/runs/<int:pk>/file/",
            PaymentRunFileView.as_view(),
            name="payment_run_file",
        ),
        path(
            "payments/<int:pk>/other-way/",
            PayOtherWayView.as_view(),
            name="payment_other_way",
        ),
    ]


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("payments.view_payment")


@hooks.register(MONEY)
def register_payments_menu_item():
    return PaymentsMenuItem(
        _("Payments"), reverse("payments_due"), icon_name="tasks", order=5
    )


class BankDetailsViewSet(WorkQueueViewSet):
    """Bank details waiting to be checked, and past decisions (numbers masked)."""

    model = BankDetails
    work_view = BankDetailsDecisionView
    icon = "lock"
    menu_label = _("Bank details")
    menu_order = 6
    menu_hook = MONEY
    list_filter = ["status"]

    @property
    def list_display(self):
        return [
            self.work_column("account_name", _("Name on the account")),
            "last_four",
            "user",
            "group",
            "status",
            "submitted_at",
        ]

    def listing_queryset(self):
        return BankDetails.objects.select_related("user", "group").order_by(
            "status", "-submitted_at"
        )


@hooks.register("register_admin_viewset")
def register_bank_details():
    return BankDetailsViewSet("bank_details")


@register_work_panel
class BankDetailsPanel(WorkWaitingPanel):
    """New or changed bank details, waiting to be checked."""

    name = "bank_details"
    heading = _("Bank details")
    permission = "payments.verify_bankdetails"
    order = 60

    def get_lines(self):
        pending = BankDetails.Status.PENDING
        return count_lines(
            BankDetails.objects.all(),
            date_field="submitted_at",
            lines=[
                (
                    _("Bank details to check"),
                    Q(status=pending),
                    reverse("bank_details:index") + f"?status={pending}",
                )
            ],
        )


@register_work_panel
class PaymentsDuePanel(WorkWaitingPanel):
    """Approved grants and claims waiting to be paid."""

    name = "payments_due"
    heading = _("Payments")
    permission = "payments.make_payment_run"
    order = 61

    def get_lines(self):
        return count_lines(
            Payment.objects.all(),
            date_field="created_at",
            lines=[
                (
                    _("Payments due"),
                    Q(status=Payment.Status.DUE),
                    reverse("payments_due"),
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "payment.due": _("Payment due"),
        "payment.sent": _("Sent to the bank in a payment run"),
        "payment.paid": _("Paid"),
        "payment.failed": _("Payment failed"),
        "payment.cancelled": _("Payment cancelled"),
        "payment.paid_other_way": _("Paid another way"),
        "payment_run.created": _("Payment run made"),
        "payment_run.exported": _("Bank file downloaded"),
        "payment_run.closed": _("Payment run closed: every payment settled"),
        "bank_details.submitted": _("Bank details given"),
        "bank_details.verified": _("Bank details checked"),
        "bank_details.rejected": _("Bank details not accepted"),
        "bank_details.replaced": _("Bank details replaced by new ones"),
    }
