from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "portal.evidence"
    label = "evidence"
    verbose_name = _("Sign-up evidence")

    def ready(self):
        from django.urls import path

        from portal.core.personal_data import Holding, OnClose, register
        from portal.groups.hooks import register_evidence_summary, register_urls

        from . import (
            files,  # noqa: F401  (who may see sign-up sheets)
            views,
        )
        from .selectors import evidence_summary

        # Recognition counts the evidence, and its pages sit under a group's.
        register_evidence_summary(evidence_summary)
        register_urls(
            path("<int:pk>/support/", views.group_support, name="support"),
            path("<int:pk>/evidence/", views.group_evidence, name="evidence"),
            path(
                "<int:pk>/evidence/sheets/<int:sheet_pk>/",
                views.paper_sheet,
                name="sheet",
            ),
        )

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
                other_people=("decided_by", "entered_by"),
            ),
        )
