from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.core.home import WorkWaitingPanel, count_lines, register_work_panel
from portal.core.menu import MONEY
from portal.core.permissions import ReadOnlyPermissionPolicy
from portal.core.queues import QUEUE_ORDER
from portal.core.viewsets import ListingQuerysetViewSet, WorkQueueViewSet

from .admin_views import ClaimDecisionView, ExpensesReportView, PreApprovalDecisionView
from .models import ExpenseClaim, ExpensePolicy, PreApproval

# Claims and pre-approvals are made by residents in the portal and change only
# through their decision screens (audited), never by hand, administrators included.
register_permission_policy(ExpenseClaim, ReadOnlyPermissionPolicy(ExpenseClaim))
register_permission_policy(PreApproval, ReadOnlyPermissionPolicy(PreApproval))


class ExpensePolicyViewSet(ModelViewSet):
    """Expenses policy versions: rates, bands and caps as data. Add a new version
    with a later "in force from" date rather than editing one already used."""

    model = ExpensePolicy
    icon = "tasks"
    menu_label = _("Expenses policy")
    menu_order = 7
    menu_hook = MONEY
    list_display = ["name", "effective_from", "claim_deadline_months"]
    search_fields = ["name"]


@hooks.register("register_admin_viewset")
def register_expense_policy_viewset():
    return ExpensePolicyViewSet("expense_policies")


class CheckColumn(Column):
    """A "Check" tag on claims whose plausibility checks flagged something when
    sent (counted then, so the queue needs no query per row)."""

    cell_template_name = "expenses/admin/check_cell.html"


class ExpenseClaimViewSet(ListingQuerysetViewSet):
    """The approvers' queue: filter by state and activity, export to a spreadsheet.
    Decisions go through `portal.expenses.services` (never a plain edit form)."""

    model = ExpenseClaim
    icon = "doc-full"
    menu_label = _("Expense claims")
    menu_order = 3
    menu_hook = MONEY

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
            CheckColumn("checks_flagged", label=_("Check")),
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
            path(
                "<int:pk>/decide/",
                ClaimDecisionView.as_view(
                    queue_url_name=self.get_url_name("index"),
                    queue_label=self.menu_label,
                ),
                name="decide",
            ),
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
    menu_order = 4
    menu_hook = MONEY

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
        return PreApproval.objects.select_related("claimant", "decided_by").order_by(
            *QUEUE_ORDER
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


@register_work_panel
class ExpenseClaimsPanel(WorkWaitingPanel):
    """Expense claims waiting for a decision or a second approval."""

    name = "expense_claims"
    heading = _("Expense claims")
    permission = "expenses.approve_expenseclaim"
    order = 50

    def get_lines(self):
        Status = ExpenseClaim.Status
        queue = reverse("expense_claims:index")
        return count_lines(
            ExpenseClaim.objects.all(),
            date_field="submitted_at",
            lines=[
                (
                    _("Claims to decide"),
                    Q(status=Status.SUBMITTED),
                    f"{queue}?status={Status.SUBMITTED}",
                ),
                (
                    _("Second approvals"),
                    Q(status=Status.SECOND_APPROVAL),
                    f"{queue}?status={Status.SECOND_APPROVAL}",
                ),
            ],
        )


@register_work_panel
class PreApprovalsPanel(WorkWaitingPanel):
    """Residents asking before they spend, waiting for a decision."""

    name = "expense_pre_approvals"
    heading = _("Expense pre-approvals")
    permission = "expenses.decide_preapproval"
    order = 51

    def get_lines(self):
        pending = PreApproval.Status.PENDING
        return count_lines(
            PreApproval.objects.all(),
            date_field="created_at",
            lines=[
                (
                    _("Requests to decide"),
                    Q(status=pending),
                    reverse("expense_pre_approvals:index") + f"?status={pending}",
                )
            ],
        )


@hooks.register("register_audit_actions")
def audit_actions():
    return {
        "expense claim started": _("Claim started"),
        "expense claim submitted": _("Expense claim submitted"),
        "expense claim queried": _("Question asked about the claim"),
        "expense query answered": _("Question answered"),
        "expense claim first approval": _("First approval given; a second is needed"),
        "expense claim approved": _("Claim approved"),
        "expense claim rejected": _("Claim not approved"),
        "expense claim withdrawn": _("Claim withdrawn by the claimant"),
        "expense claim paid": _("Claim paid"),
        "expense claim payment_failed": _("Payment of the claim failed"),
        "expense late claim allowed": _("Late claim allowed"),
        "expense line added": _("Cost added"),
        "expense line removed": _("Expense line removed"),
        "expense line approved": _("Cost approved"),
        "expense line reduced": _("Cost approved at a lower amount"),
        "expense line rejected": _("Cost not approved"),
        "expense pre-approval asked for": _("Pre-approval asked for"),
        "expense pre-approval approved": _("Pre-approval given"),
        "expense pre-approval refused": _("Pre-approval refused"),
        "expense pre-approval withdrawn": _("Pre-approval request withdrawn"),
    }
