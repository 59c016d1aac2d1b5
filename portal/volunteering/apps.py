from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "portal.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import involvement  # noqa: F401  (registers its involvement source)

        register(
            Holding(
                "volunteering.LoggedHours",
                "person",
                OnClose.DELETE,
                "Volunteer hours you logged",
                other_people=("decided_by",),
            ),
            Holding(
                "volunteering.LoggedHours",
                "decided_by",
                OnClose.ANONYMISE,
                "Volunteer hours you confirmed or refused (they stay, without "
                "your name)",
                other_people=("person",),
            ),
            Holding(
                "volunteering.Voucher",
                "person",
                OnClose.KEEP,
                "Thank-you vouchers you were given",
                reason="A voucher is money given: the landlord's accounts must "
                "show who received it; the entry keeps only an account number, "
                "shown as “a former resident”.",
                other_people=("issued_by",),
            ),
            Holding(
                "volunteering.Voucher",
                "issued_by",
                OnClose.ANONYMISE,
                "Thank-you vouchers you issued (they stay, without your name)",
                other_people=("person",),
            ),
        )
