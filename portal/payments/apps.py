from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "portal.payments"
    label = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from .services import bank_details_release

        statutory = (
            "Payment records are kept for HMRC and audit for the statutory period "
            "(INVOLVE_PAYMENT_RECORDS_YEARS), then the personal details are removed."
        )
        register(
            Holding(
                "payments.BankDetails",
                "user",
                OnClose.KEEP,
                "Your bank details (deleted unless a payment used them)",
                reason=statutory,
                blank={
                    "account_name": "",
                    "sort_code": "",
                    "account_number": "",
                    "roll_number": "",
                },
                other_people=("submitted_by", "decided_by"),
                retention_setting="INVOLVE_PAYMENT_RECORDS_YEARS",
                retain_from="submitted_at",
                close=bank_details_release,
            ),
            Holding(
                "payments.PaymentRun",
                "created_by",
                OnClose.KEEP,
                "Payment runs you made",
                reason=statutory,
            ),
            Holding(
                "payments.Payment",
                "payee_user",
                OnClose.KEEP,
                "Payments made to you",
                reason=statutory,
                blank={"payee_name": "", "note": ""},
                retention_setting="INVOLVE_PAYMENT_RECORDS_YEARS",
                retain_from="created_at",
            ),
        )
