from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsCoreConfig(AppConfig):
    name = "cms.core"
    label = "cms_core"
    verbose_name = _("Site content")

    def ready(self):
        from .signals import connect
        from .sitewide import install

        connect()
        install()
        from portal.core.personal_data import Holding, OnClose, register

        register(
            Holding(
                "cms_core.FormatRequest",
                "requested_by",
                OnClose.ANONYMISE,
                "Pages you asked for in another format",
                blank={
                    "name": "",
                    "email": "",
                    "address": "",
                    "phone": "",
                    "notes": "",
                },
                other_people=("sent_by",),
            ),
        )
