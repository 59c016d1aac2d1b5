from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "portal.evidence"
    label = "evidence"
    verbose_name = _("Sign-up evidence")

    def ready(self):
        from portal.core.personal_data import Holding, OnClose, register

        from . import files  # noqa: F401  (who may see sign-up sheets)

        register(
            Holding(
                "evidence.PaperSheet",
                "uploaded_by",
                OnClose.ANONYMISE,
                "Paper sign-up sheets you uploaded (the group's records)",
            ),
            Holding(
                "evidence.Signature",
                "signer",
                OnClose.ANONYMISE,
                "Your support for groups (the home still counts, without your name)",
                blank={"name": ""},
                other_people=("checked_by", "entered_by"),
            ),
        )
