from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MagazinesConfig(AppConfig):
    name = "cms.magazines"
    label = "magazines"
    verbose_name = _("Magazine")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import signals  # noqa: F401
        from .services import competition_entries_release

        register(
            Holding(
                "magazines.CompetitionEntry",
                "entrant",
                OnClose.DELETE,
                "Your competition entries (a winning entry stays with the draw, "
                "without your details)",
                close=competition_entries_release,
            ),
            Holding(
                "magazines.CompetitionDraw",
                "drawn_by",
                OnClose.KEEP,
                "Competition draws you made",
                reason="Shows a prize was drawn fairly, by whom.",
            ),
        )
