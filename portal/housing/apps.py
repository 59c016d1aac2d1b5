from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "portal.housing"
    label = "housing"
    verbose_name = _("Property register")

    def ready(self):
        from cms.core import pagecache
        from portal.core.personal_data import Holding, OnClose, register

        from .models import Area

        # Areas are shared places named across the public site (the filters of
        # the calendar and the consultation finder, the directory's headings):
        # renaming one purges the chrome, like a snippet. Apps showing estates
        # or streets register those under their own tags.
        pagecache.purge_on_change(Area, pagecache.SITE)

        register(
            Holding(
                "housing.PropertyImport",
                "imported_by",
                OnClose.KEEP,
                "Property register uploads you made",
                reason="Staff records of how the register changed.",
            )
        )
