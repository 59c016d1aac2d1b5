from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "cms.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from portal.core.notifications import register_kind

        from .signals import connect

        connect()
        register_kind("minuteschase", _("Reminders that minutes are late (staff)"))
