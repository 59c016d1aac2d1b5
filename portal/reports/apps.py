from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "portal.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # Each feature app registers its measures from its own `reports.py`,
        # found here like `admin.py`, so this app imports no feature app.
        autodiscover_modules("reports")
        from . import (
            formats,  # noqa: F401  (other formats on time: cms.core, a lower layer)
            people,  # noqa: F401  (the measures across every app)
        )
