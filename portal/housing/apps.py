from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "portal.housing"
    label = "housing"
    verbose_name = _("Property register")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        register(
            Holding(
                "housing.PropertyImport",
                "imported_by",
                OnClose.KEEP,
                "Property register uploads you made",
                reason="Staff records of how the register changed.",
            )
        )
