from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.viewsets import WorkQueueViewSet

from .admin_views import (
    BankDetailsDecisionView,
    DuePaymentsView,
    PaymentRunFileView,
    PaymentRunView,
    PayOtherWayView,
)
from .models import BankDetails

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


@hooks.register("register_admin_menu_item")
def register_payments_menu_item():
    return PaymentsMenuItem(
        _("Payments"), reverse("payments_due"), icon_name="tasks", order=270
    )


class BankDetailsViewSet(WorkQueueViewSet):
    """Bank details waiting to be checked, and past decisions (numbers masked)."""

    model = BankDetails
    work_view = BankDetailsDecisionView
    icon = "lock"
    menu_label = _("Bank details")
    menu_order = 271
    add_to_admin_menu = True
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
