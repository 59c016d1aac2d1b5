from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "portal.inspections"
    label = "inspections"
    verbose_name = _("Estate inspections")

    def ready(self):
        from cms.core.pagecache import purge_on_change
        from portal.core.personal_data import Holding, OnClose, register
        from portal.housing.models import Estate

        from . import (
            dashboard,  # noqa: F401  (registers its dashboard card)
            involvement,  # noqa: F401  (registers its involvement source)
        )
        from .models import SCHEDULES_TAG, EstateSchedule

        # The opportunity pages' schedules section names the estates inspected.
        for model in (EstateSchedule, Estate):
            purge_on_change(model, SCHEDULES_TAG)

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
