from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MagazinesConfig(AppConfig):
    name = "cms.magazines"
    label = "magazines"
    verbose_name = _("Magazine")

    def ready(self):
        from . import signals  # noqa: F401
