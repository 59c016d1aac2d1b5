from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "cms.involvement"
    label = "involvement"
    verbose_name = _("Ways to get involved")

    def ready(self):
        from wagtail.signals import page_published

        from portal.core.personal_data import Holding, OnClose, register

        from . import dashboard  # noqa: F401  (registers its dashboard cards)
        from .alerts import on_page_published

        register(
            Holding(
                "involvement.Interest",
                "user",
                OnClose.DELETE,
                "Ways to get involved you are interested in",
            ),
            Holding(
                "involvement.InvolvementLevel",
                "user",
                OnClose.DELETE,
                "How involved you want to be",
            ),
        )

        page_published.connect(on_page_published, dispatch_uid="opportunity-alerts")
