from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalCoreConfig(AppConfig):
    name = "portal.core"
    label = "portal_core"
    verbose_name = _("Portal")
