from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScrutinyConfig(AppConfig):
    name = "portal.scrutiny"
    label = "scrutiny"
    verbose_name = _("Scrutiny reviews")

    def ready(self):
        from portal.core.notifications import register_kind
        from portal.core.personal_data import Holding, OnClose, register

        register_kind(
            "scrutiny", _("Reminders that a response to a scrutiny review is due")
        )

        from . import involvement  # noqa: F401  (registers its involvement source)

        register(
            Holding(
                "scrutiny.Recommendation",
                "responded_by",
                OnClose.ANONYMISE,
                "The landlord's responses you recorded to scrutiny recommendations "
                "(they stay, without your name)",
            ),
            Holding(
                "scrutiny.ScrutinyReview",
                "staff_lead",
                OnClose.ANONYMISE,
                "Scrutiny reviews naming you as the staff member responsible for "
                "the landlord's response (the review stays; its reminders go to the "
                "Involvement officers)",
            ),
        )
