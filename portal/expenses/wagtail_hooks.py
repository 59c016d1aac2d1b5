from django.db.models import Case, When
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.viewsets import ListingQuerysetViewSet, WorkQueueViewSet

from .admin_views import ClaimDecisionView, ExpensesReportView, PreApprovalDecisionView
from .models import ExpenseClaim, ExpensePolicy, PreApproval

# Pre-approvals change only through their decision screen (audited), never by hand.
register_permission_policy(PreApproval, ReadOnlyPermissionPolicy(PreApproval))


class ExpensePolicyViewSet(ModelViewSet):
    """Expenses policy versions: rates, bands and caps as data. Add a new version
    with a later "in force from" date rather than editing one already used."""

    model = ExpensePolicy
    icon = "tasks"
    menu_label = _("Expenses policy")
    menu_order = 280
    add_to_admin_menu = True
    list_display = ["name", "effective_from", "claim_deadline_months"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_expense_policy_viewset():
    return ExpensePolicyViewSet("expense_policies")


class ExpenseClaimViewSet(ListingQuerysetViewSet):
    """The approvers' queue: filter by state and activity, export to a spreadsheet.
    Decisions go through `portal.expenses.services` (never a plain edit form)."""

    model = ExpenseClaim
    icon = "doc-full"
    menu_label = _("Expense claims")
    menu_order = 281
    add_to_admin_menu = True

    @property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label=_("Claim"),
                get_url=lambda claim: reverse(
                    self.get_url_name("decide"), args=[claim.pk]
                ),
            ),
            *self.listing_columns,
        ]

    listing_columns = [
        "description",
        "claimant",
        "group",
        "activity",
        "activity_date",
        "status",
        "submitted_at",
        "approved_total",
    ]
    list_filter = ["status", "submitted_late", "activity", "activity_date"]
    list_export = [
        "reference",
        "claimant",
        "group",
        "activity",
        "description",
        "activity_date",
        "status",
        "submitted_at",
        "approved_total",
    ]
    export_filename = "expense-claims"
    search_fields = ["description"]
    inspect_view_enabled = True
    form_fields = ["late_reason"]

    def listing_queryset(self):
        return ExpenseClaim.objects.select_related("claimant", "group").order_by(
            "-submitted_at", "-pk"
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/decide/", ClaimDecisionView.as_view(), name="decide"),
        ]


@hooks.register("register_admin_viewset")
def register_expense_claim_viewset():
    return ExpenseClaimViewSet("expense_claims")


class PreApprovalViewSet(WorkQueueViewSet):
    """Residents' requests to spend before they claim: waiting ones first."""

    model = PreApproval
    work_view = PreApprovalDecisionView
    icon = "tick"
    menu_label = _("Expense pre-approvals")
    menu_order = 282
    add_to_admin_menu = True

    @property
    def list_display(self):
        return [
            self.work_column("reference", _("Request")),
            "description",
            "kind",
            "claimant",
            "estimated_cost",
            "status",
            "created_at",
            "decided_by",
        ]

    list_filter = ["status", "kind", "created_at"]
    list_export = [
        "reference",
        "claimant",
        "kind",
        "description",
        "reason",
        "estimated_cost",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
        "decision_reason",
    ]
    export_filename = "expense-pre-approvals"
    search_fields = ["description"]

    def listing_queryset(self):
        waiting_first = Case(When(status=PreApproval.Status.PENDING, then=0), default=1)
        return PreApproval.objects.select_related("claimant", "decided_by").order_by(
            waiting_first, "-created_at", "-pk"
        )


@hooks.register("register_admin_viewset")
def register_pre_approval_viewset():
    return PreApprovalViewSet("expense_pre_approvals")


@hooks.register("register_admin_urls")
def register_expenses_report_url():
    return [
        path("expenses/report/", ExpensesReportView.as_view(), name="expenses_report")
    ]


class ExpensesReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("expenses.view_expenseclaim")


@hooks.register("register_reports_menu_item")
def register_expenses_report_menu_item():
    return ExpensesReportMenuItem(
        _("Expenses: spend and mileage"),
        reverse("expenses_report"),
        icon_name="doc-full",
        order=810,
    )
