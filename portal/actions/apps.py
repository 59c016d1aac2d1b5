from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "portal.actions"
    label = "actions"
    verbose_name = _("Actions")

    def ready(self):
        from . import signals

        signals.connect()
        from portal.core.notifications import register_kind
        from portal.core.personal_data import Holding, OnClose, register

        register_kind("action", _("Progress on actions you follow"))
        # Its own kind, so a member of staff who stops the news still hears.
        register_kind(
            "actionreminder", _("Reminders about actions you are responsible for")
        )

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
