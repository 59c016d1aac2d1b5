from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ExpensePolicy


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
