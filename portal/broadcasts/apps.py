from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    name = "portal.broadcasts"
    label = "broadcasts"
    verbose_name = _("Messages to many people")

    def ready(self):
        from portal.core.notifications import register_kind
        from portal.core.personal_data import Holding, OnClose, register

        register_kind(
            "broadcast", _("Notices to everyone in your area, estate or group")
        )
        register(
            Holding(
                "broadcasts.Broadcast",
                "sent_by",
                OnClose.ANONYMISE,
                "Messages you sent to many residents as a member of staff (the "
                "message stays, without your name)",
            ),
        )
