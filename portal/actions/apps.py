from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "portal.actions"
    label = "actions"
    verbose_name = _("Actions")

    def ready(self):
        from . import signals

        signals.connect()
        from portal.core.personal_data import Holding, OnClose, register

        register(
            Holding(
                "actions.Action",
                "owner",
                OnClose.ANONYMISE,
                "Actions you are responsible for (they stay, without your name)",
            ),
            Holding(
                "actions.ActionUpdate",
                "by",
                OnClose.ANONYMISE,
                "Progress updates you wrote on actions (the action's record)",
            ),
            Holding(
                "actions.ActionFollow", "person", OnClose.DELETE, "Actions you follow"
            ),
        )
