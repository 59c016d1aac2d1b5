from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "cms.accountability"
    label = "accountability"
    verbose_name = _("How we are doing")

    def ready(self):
        from . import signals  # noqa: F401
