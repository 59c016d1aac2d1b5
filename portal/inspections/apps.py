from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "portal.inspections"
    label = "inspections"
    verbose_name = _("Estate inspections")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard card)
            involvement,  # noqa: F401  (registers its involvement source)
        )

        register(
            Holding(
                "inspections.Inspector",
                "person",
                OnClose.DELETE,
                "Estates you inspect",
            ),
            Holding(
                "inspections.Inspection",
                "lead",
                OnClose.ANONYMISE,
                "Estate inspections you led (the estate's record)",
            ),
        )
