from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "portal.reach"
    label = "reach"
    verbose_name = _("Who takes part")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import signals

        signals.connect()
        register(
            Holding(
                "reach.ParticipationSnapshot",
                "person",
                OnClose.ANONYMISE,
                "What you took part in, with the answers you agreed we could "
                "count on that day (kept without your name, as totals)",
            ),
            Holding(
                "reach.ProfileImport",
                "imported_by",
                OnClose.KEEP,
                "Resident profile uploads you made",
                reason="Staff records of where the profile figures came from.",
            ),
            Holding(
                "reach.RepresentationFlag",
                "created_by",
                OnClose.KEEP,
                "Gaps in who takes part that you acted on",
                reason="Staff records of what the landlord did about a gap.",
            ),
        )
