from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import (  # noqa: F401  (dashboard cards and signal receivers)
            dashboard,
            signals,
        )

        register(
            Holding(
                "accounts.ResidentProfile",
                "user",
                OnClose.DELETE,
                "Your home and how we checked it",
                other_people=("decided_by", "assisted_by"),
            ),
            Holding(
                "accounts.ContactPreferences",
                "user",
                OnClose.DELETE,
                "How you want us to contact you",
            ),
            Holding(
                "accounts.AccessNeeds", "user", OnClose.DELETE, "Your access needs"
            ),
            Holding(
                "accounts.EqualityMonitoring",
                "user",
                OnClose.DELETE,
                "Your equality monitoring answers",
            ),
            Holding(
                "accounts.Advocacy",
                "resident",
                OnClose.DELETE,
                "People who act for you",
            ),
            Holding(
                "accounts.Advocacy", "advocate", OnClose.DELETE, "People you act for"
            ),
        )
