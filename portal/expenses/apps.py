from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpensesConfig(AppConfig):
    name = "portal.expenses"
    label = "expenses"
    verbose_name = _("Expenses")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import dashboard  # noqa: F401  (registers its dashboard cards)

        statutory = (
            "Expense claims are payment records, kept for HMRC and audit for the "
            "statutory period (INVOLVE_PAYMENT_RECORDS_YEARS)."
        )
        register(
            Holding(
                "expenses.ExpenseClaim",
                "claimant",
                OnClose.KEEP,
                "Your expense claims",
                reason=statutory,
                other_people=("first_approver", "second_approver"),
            ),
            Holding(
                "expenses.PreApproval",
                "claimant",
                OnClose.KEEP,
                "Spending you asked to have agreed",
                reason=statutory,
                other_people=("decided_by",),
            ),
        )
