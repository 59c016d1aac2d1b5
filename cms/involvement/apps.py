from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvolvementConfig(AppConfig):
    name = "cms.involvement"
    label = "involvement"
    verbose_name = _("Ways to get involved")
